import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lowerBound, PostingList, type PostingView } from '../../src/search/posting-list.ts';

/** The model: scan from `from` for the first document not below `doc`. */
function naiveLowerBound(docs: readonly number[], doc: number, from: number): number {
	let i = from;
	while (i < docs.length && docs[i]! < doc) i++;
	return i;
}

/**
 * The same documents in the shapes search reads: a live list (spare capacity past `length`), a
 * slice of a segment's larger arrays, and arrays whose tail past `length` holds small values that
 * a search reading too far would stop on.
 */
function views(docs: readonly number[]): PostingView[] {
	const live = new PostingList();
	for (const doc of docs) live.add(doc, 1, 1);
	const whole = Uint32Array.from([7, 3, ...docs, 0, 0, 1]);
	const slice = { docs: whole.subarray(2, 2 + docs.length), counts: new Uint16Array(docs.length), length: docs.length };
	const padded = { docs: Uint32Array.from([...docs, 0, 0, 0, 0]), counts: new Uint16Array(docs.length + 4), length: docs.length };
	return [live, slice, padded];
}

// Sorted documents, as every list is: dense ones (many equal gaps), sparse ones, and ones with repeats
// (no list has those, but "the first position not below" still has one answer).
const sortedDocs = fc
	.oneof(
		fc.uniqueArray(fc.nat({ max: 60 }), { maxLength: 50 }),
		fc.array(fc.nat({ max: 20 }), { maxLength: 50 }),
		fc.uniqueArray(fc.nat({ max: 2 ** 32 - 1 }), { maxLength: 200 }),
	)
	.map((docs) => docs.sort((a, b) => a - b));

describe('lowerBound', () => {
	it('finds the first position at or after `from` whose document is not below the one asked for', () => {
		const probe = sortedDocs.chain((docs) =>
			fc.tuple(
				fc.constant(docs),
				// Documents in the list, between and around them.
				fc.oneof(fc.constantFrom(...docs, 0), fc.nat({ max: 61 }), fc.nat({ max: 2 ** 32 - 1 })),
				fc.nat({ max: docs.length }),
			),
		);
		fc.assert(
			fc.property(probe, ([docs, doc, from]) => {
				for (const view of views(docs)) expect(lowerBound(view, doc, from)).toBe(naiveLowerBound(docs, doc, from));
			}),
			{ numRuns: 500 },
		);
	});

	it('walks a list for ascending documents, each search starting where the last stopped, as scoring probes it', () => {
		const walk = fc.tuple(sortedDocs, fc.uniqueArray(fc.nat({ max: 70 }), { maxLength: 30 }));
		fc.assert(
			fc.property(walk, ([docs, wanted]) => {
				wanted.sort((a, b) => a - b);
				for (const view of views(docs)) {
					let at = 0;
					for (const doc of wanted) {
						at = lowerBound(view, doc, at);
						expect(at).toBe(naiveLowerBound(docs, doc, 0));
					}
				}
			}),
		);
	});

	it('answers the end of the list past its last document, and `from` for a document at or below it', () => {
		const list = views([2, 4, 8, 16, 32, 64, 128])[0]!;
		expect(lowerBound(list, 0)).toBe(0);
		expect(lowerBound(list, 2)).toBe(0);
		expect(lowerBound(list, 3)).toBe(1);
		expect(lowerBound(list, 128)).toBe(6);
		expect(lowerBound(list, 129)).toBe(7);
		expect(lowerBound(list, 4, 3)).toBe(3);
		expect(lowerBound(list, 1_000, 7)).toBe(7);
		expect(lowerBound(views([])[0]!, 5)).toBe(0);
	});
});

describe('PostingList', () => {
	interface Posting {
		readonly doc: number;
		readonly title: number;
		readonly abstract: number;
	}
	const postings = fc
		.uniqueArray(fc.nat({ max: 1_000_000 }), { maxLength: 300 })
		.chain((docs) =>
			fc.tuple(
				...docs
					.sort((a, b) => a - b)
					.map((doc) =>
						fc.record({ doc: fc.constant(doc), title: fc.nat({ max: 400 }), abstract: fc.nat({ max: 400 }) }).map((p): Posting => p),
					),
			),
		);

	it('holds what was added, in order, each count capped at 255 and packed title high, abstract low', () => {
		fc.assert(
			fc.property(postings, (added) => {
				const list = new PostingList();
				for (const { doc, title, abstract } of added) list.add(doc, title, abstract);
				expect(list.length).toBe(added.length);
				expect([...list.docs.subarray(0, list.length)]).toEqual(added.map((p) => p.doc));
				const counts = [...list.counts.subarray(0, list.length)];
				expect(counts.map((packed) => ({ title: packed >> 8, abstract: packed & 0xff }))).toEqual(
					added.map((p) => ({ title: Math.min(p.title, 255), abstract: Math.min(p.abstract, 255) })),
				);
				expect(list.docs.length).toBe(list.counts.length);
				expect(list.docs.length).toBeGreaterThanOrEqual(list.length);
			}),
			{ numRuns: 200 },
		);
	});

	it('packs the counts search decodes', () => {
		const list = new PostingList();
		list.add(3, 0, 7);
		list.add(9, 2, 0);
		list.add(10, 255, 255);
		list.add(11, 1_000, 256);
		expect([...list.counts.subarray(0, list.length)]).toEqual([7, 2 << 8, 0xffff, 0xffff]);
		expect([...list.docs.subarray(0, list.length)]).toEqual([3, 9, 10, 11]);
	});

	it('keeps documents up to the largest 32-bit number', () => {
		const list = new PostingList();
		list.add(2 ** 32 - 1, 1, 1);
		expect(list.docs[0]).toBe(2 ** 32 - 1);
	});
});
