import type { Paper } from '../papers/paper.ts';
import { paperTerms, TITLE_UNIT } from './paper-terms.ts';
import { TermCollector } from './term-collector.ts';
import { deletionHash, idBytes, planSections, sectionView, type Section, type SectionName, type SegmentLayout } from './segment-layout.ts';

type Views = <N extends SectionName>(name: N) => Section<N>;
import { deletions, isCorrectable } from './vocabulary.ts';

/** A segment: its buffer (shared, so threads search it in place) and the layout that reads it. */
export interface SegmentData {
	readonly buffer: SharedArrayBuffer;
	readonly layout: SegmentLayout;
}

/** Bytes appended one piece after another, in a buffer that doubles as it fills. */
class ByteSink {
	#bytes = Buffer.allocUnsafe(1 << 16);
	length = 0;

	append(text: string): void {
		const needed = this.length + Buffer.byteLength(text);
		if (needed > this.#bytes.length) {
			const grown = Buffer.allocUnsafe(Math.max(needed, this.#bytes.length * 2));
			this.#bytes.copy(grown, 0, 0, this.length);
			this.#bytes = grown;
		}
		this.length += this.#bytes.write(text, this.length);
	}

	get bytes(): Buffer {
		return this.#bytes.subarray(0, this.length);
	}
}

/** Hashes of every one-letter deletion of the correctable terms, paired with the term and sorted by hash. */
function deletionPairs(sortedTerms: readonly string[]): Float64Array {
	// Hash (31 bits) and term id (22 bits) packed into one exact double sort as one number.
	const packed: number[] = [];
	sortedTerms.forEach((term, id) => {
		if (!isCorrectable(term)) return;
		for (const deleted of new Set(deletions(term))) packed.push(deletionHash(deleted) * 2 ** 22 + id);
	});
	return Float64Array.from(packed).sort();
}

export const MAX_TERMS = 2 ** 22;

/**
 * Builds an immutable segment from papers with distinct ids, numbered in the order given.
 * `onPaper` hears of every paper done, for progress.
 */
export function writeSegment(papers: Iterable<Paper>, onPaper: (done: number) => void = () => {}): SegmentData {
	const text = new ByteSink();
	const meta = new ByteSink();
	const textStart: number[] = [];
	const metaStart: number[] = [];
	const ids: Buffer[] = [];
	const titleLengths: number[] = [];
	const abstractLengths: number[] = [];
	const collector = new TermCollector();
	let titleTotal = 0;
	let abstractTotal = 0;
	for (const paper of papers) {
		const doc = ids.length;
		const id = idBytes(paper.id);
		if (!id) throw new Error(`paper id ${JSON.stringify(paper.id)} is not 16 hex digits`);
		ids.push(id);
		const { title, abstract, ...rest } = paper;
		textStart.push(text.length);
		text.append(title);
		textStart.push(text.length);
		text.append(abstract);
		metaStart.push(meta.length);
		meta.append(JSON.stringify(rest));
		const indexed = paperTerms(paper);
		titleLengths.push(indexed.titleLength);
		abstractLengths.push(indexed.abstractLength);
		titleTotal += indexed.titleLength;
		abstractTotal += indexed.abstractLength;
		// forEach, not for...of: no [key, value] array per posting.
		indexed.counts.forEach((packed, term) => collector.add(doc, term, Math.floor(packed / TITLE_UNIT), packed % TITLE_UNIT));
		onPaper(doc + 1);
	}
	textStart.push(text.length);
	metaStart.push(meta.length);

	const encoded = [...collector.ids.keys()].map((term) => ({ term, bytes: Buffer.from(term), id: collector.ids.get(term)! }));
	encoded.sort((a, b) => Buffer.compare(a.bytes, b.bytes));
	if (encoded.length >= MAX_TERMS) throw new Error(`${encoded.length} distinct terms, more than a segment holds (${MAX_TERMS})`);
	const deletionsSorted = deletionPairs(encoded.map(({ term }) => term));
	const docs = ids.length;
	const lengths: Record<SectionName, number> = {
		text: text.length,
		textStart: textStart.length,
		meta: meta.length,
		metaStart: metaStart.length,
		ids: docs * 8,
		idOrder: docs,
		titleLengths: docs,
		abstractLengths: docs,
		terms: encoded.reduce((sum, { bytes }) => sum + bytes.length, 0),
		termStart: encoded.length + 1,
		postingStart: encoded.length + 1,
		postingDocs: collector.postingCount,
		postingCounts: collector.postingCount,
		titlePostingStart: encoded.length + 1,
		titlePostingDocs: collector.titlePostingCount,
		titlePostingCounts: collector.titlePostingCount,
		deletionHash: deletionsSorted.length,
		deletionTerm: deletionsSorted.length,
	};
	const { sections, byteLength } = planSections(lengths);
	const layout: SegmentLayout = { docs, terms: encoded.length, titleTotal, abstractTotal, byteLength, sections };
	const buffer = new SharedArrayBuffer(byteLength);
	const view: Views = (name) => sectionView(buffer, layout, name);

	view('text').set(text.bytes);
	view('textStart').set(textStart);
	view('meta').set(meta.bytes);
	view('metaStart').set(metaStart);
	const idView = view('ids');
	ids.forEach((id, doc) => idView.set(id, doc * 8));
	const order = Array.from({ length: docs }, (_, doc) => doc).sort((a, b) => Buffer.compare(ids[a]!, ids[b]!));
	view('idOrder').set(order);
	view('titleLengths').set(titleLengths);
	view('abstractLengths').set(abstractLengths);
	copyTerms(encoded, collector, view);
	const hashes = view('deletionHash');
	const terms = view('deletionTerm');
	deletionsSorted.forEach((packed, i) => {
		hashes[i] = Math.floor(packed / 2 ** 22);
		terms[i] = packed % 2 ** 22;
	});
	return { buffer, layout };
}

/** Terms in byte order into the term sections, and each term's postings after it. */
function copyTerms(encoded: readonly { bytes: Buffer; id: number }[], collector: TermCollector, view: Views): void {
	const [terms, termStart] = [view('terms'), view('termStart')];
	const rankOf = new Uint32Array(encoded.length);
	let at = 0;
	encoded.forEach(({ bytes, id }, rank) => {
		rankOf[id] = rank;
		termStart[rank] = at;
		terms.set(bytes, at);
		at += bytes.length;
	});
	termStart[encoded.length] = at;
	collector.invert(
		rankOf,
		{ start: view('postingStart'), docs: view('postingDocs'), counts: view('postingCounts') },
		{ start: view('titlePostingStart'), docs: view('titlePostingDocs'), counts: view('titlePostingCounts') },
	);
}
