import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kthLargest, TopK } from '../../src/search/top-k.ts';

interface Scored {
	readonly item: number;
	readonly score: number;
}

/** The model: every offer, fully sorted best first (ties by item, as `sorted` breaks them). */
const fullSort = (offers: readonly Scored[]) => [...offers].sort((a, b) => b.score - a.score || a.item - b.item);

/** What an item must beat once these offers are in: nothing until k are kept, then the k-th best (at k = 0, everything). */
const modelThreshold = (sorted: readonly Scored[], k: number) =>
	sorted.length < k ? -Infinity : k === 0 ? Infinity : sorted[k - 1]!.score;

function offerAll(capacity: number, offers: readonly Scored[]): TopK {
	const top = new TopK(capacity);
	for (const { item, score } of offers) top.offer(item, score);
	return top;
}

// Few distinct scores make ties common, at the cut too; the doubles bring fractions, negatives and -0.
const score = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 100 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
// Items are distinct, as the engine's documents are.
const offers = fc
	.uniqueArray(fc.nat({ max: 1_000 }), { maxLength: 60 })
	.chain((items) => fc.tuple(...items.map((item) => score.map((s): Scored => ({ item, score: s })))));
// Mostly fewer than the offers, so the heap fills and evicts; sometimes more.
const capacity = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 70 }));

describe('TopK', () => {
	it('keeps the scores a full sort puts first, and every item that beats the cut', () => {
		fc.assert(
			fc.property(offers, capacity, (offered, k) => {
				const kept = offerAll(k, offered).sorted();
				const model = fullSort(offered);
				// -0 and 0 tie, so which of them is kept is the heap's business too (+ 0 makes -0 plain 0).
				expect(kept.map((c) => c.score + 0)).toEqual(model.slice(0, k).map((c) => c.score + 0));
				// Which of the items tied at the cut stay is the heap's business; all better ones must.
				const cut = modelThreshold(model, k);
				const keptItems = new Set(kept.map((c) => c.item));
				for (const { item, score } of model) if (score > cut) expect(keptItems.has(item)).toBe(true);
				// Each kept item with the score it was offered with.
				const offeredScore = new Map(offered.map((c) => [c.item, c.score]));
				for (const { item, score } of kept) expect(offeredScore.get(item)).toBe(score);
				expect(keptItems.size).toBe(kept.length);
			}),
		);
	});

	it('keeps the best of a long stream through many evictions, the threshold right after every offer', () => {
		const stream = fc.array(fc.integer({ min: 0, max: 1_000 }), { minLength: 50, maxLength: 300 });
		fc.assert(
			fc.property(stream, fc.integer({ min: 1, max: 16 }), (scores, k) => {
				const top = new TopK(k);
				const best: number[] = []; // the model: every score so far, descending
				for (const [item, score] of scores.entries()) {
					top.offer(item, score);
					const at = best.findIndex((s) => s < score);
					best.splice(at === -1 ? best.length : at, 0, score);
					expect(top.threshold).toBe(best.length < k ? -Infinity : best[k - 1]);
				}
				expect(top.sorted().map((c) => c.score)).toEqual(best.slice(0, k));
			}),
			{ numRuns: 300 },
		);
	});

	it('lists the kept items best first, ties by item', () => {
		fc.assert(
			fc.property(offers, capacity, (offered, k) => {
				const kept = offerAll(k, offered).sorted();
				expect(kept).toEqual(fullSort(kept));
			}),
		);
	});

	it('keeps everything, fully sorted, when k is at least the number of offers', () => {
		fc.assert(
			fc.property(offers, fc.nat({ max: 10 }), (offered, extra) => {
				const top = offerAll(offered.length + extra, offered);
				expect(top.size).toBe(offered.length);
				expect(top.sorted()).toEqual(fullSort(offered));
				expect(top.threshold).toBe(modelThreshold(fullSort(offered), offered.length + extra));
			}),
		);
	});

	it('asks for nothing until full, then for the k-th best score so far, after every offer', () => {
		fc.assert(
			fc.property(offers, capacity, (offered, k) => {
				const top = new TopK(k);
				for (const [i, { item, score }] of offered.entries()) {
					top.offer(item, score);
					const model = fullSort(offered.slice(0, i + 1));
					expect(top.size).toBe(Math.min(k, i + 1));
					expect(top.threshold).toBe(modelThreshold(model, k));
				}
			}),
		);
	});

	it('lets an item in only by beating the threshold: a tie with it stays out', () => {
		const top = offerAll(2, [
			{ item: 1, score: 5 },
			{ item: 2, score: 5 },
			{ item: 3, score: 5 },
		]);
		expect(top.sorted()).toEqual([
			{ item: 1, score: 5 },
			{ item: 2, score: 5 },
		]);
		top.offer(4, 6);
		expect(top.sorted().map((c) => c.item)).toHaveLength(2);
		expect(top.sorted()[0]).toEqual({ item: 4, score: 6 });
		expect(top.threshold).toBe(5);
	});

	it('keeps nothing at capacity zero', () => {
		const top = offerAll(0, [
			{ item: 1, score: 1 },
			{ item: 2, score: Infinity },
		]);
		expect(top.size).toBe(0);
		expect(top.threshold).toBe(Infinity);
		expect(top.sorted()).toEqual([]);
	});

	it('is empty before any offer', () => {
		const top = new TopK(3);
		expect(top.size).toBe(0);
		expect(top.threshold).toBe(-Infinity);
		expect(top.sorted()).toEqual([]);
	});
});

describe('kthLargest', () => {
	const values = fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ noNaN: true })), { minLength: 1, maxLength: 80 });

	it('is the k-th value of a descending sort, and only reorders the values', () => {
		fc.assert(
			fc.property(
				values.chain((v) => fc.tuple(fc.constant(v), fc.integer({ min: 1, max: v.length }))),
				([v, k]) => {
					const array = Float64Array.from(v);
					const descending = [...v].sort((a, b) => b - a);
					// `+ 0` reads -0 as 0: quickselect may land on either of two equal values.
					expect(kthLargest(array, k) + 0).toBe(descending[k - 1]! + 0);
					expect(array.slice().sort()).toEqual(Float64Array.from(v).sort());
				},
			),
		);
	});

	it('finds the largest, the smallest and a duplicated median', () => {
		expect(kthLargest(Float64Array.from([3, 1, 2]), 1)).toBe(3);
		expect(kthLargest(Float64Array.from([3, 1, 2]), 3)).toBe(1);
		expect(kthLargest(Float64Array.from([5, 5, 5, 1, 9]), 2)).toBe(5);
		expect(kthLargest(Float64Array.from([5, 5, 5, 1, 9]), 4)).toBe(5);
		expect(kthLargest(Float64Array.from([7]), 1)).toBe(7);
		expect(kthLargest(Float64Array.from([-Infinity, Infinity, 0]), 2)).toBe(0);
	});
});
