import type { Paper } from '../papers/paper.ts';
import type { PostingView } from './posting-list.ts';
import { deletionHash, idBytes, sectionView, type Section, type SectionName, type SegmentLayout } from './segment-layout.ts';
import type { SegmentData } from './segment-writer.ts';

/**
 * A read-only segment of the index, searched in place in its (shared) buffer: term look-ups are
 * binary searches over byte-ordered terms, papers are decoded only when shown or checked.
 */
export class Segment {
	readonly layout: SegmentLayout;
	readonly #data: SegmentData;
	readonly #text: Buffer;
	readonly #meta: Buffer;
	readonly #terms: Buffer;
	readonly #textStart: Float64Array;
	readonly #metaStart: Float64Array;
	readonly #ids: Buffer;
	readonly #idOrder: Uint32Array;
	readonly #termStart: Uint32Array;
	readonly #postingStart: Uint32Array;
	readonly #postingDocs: Uint32Array;
	readonly #postingCounts: Uint16Array;
	readonly #titlePostingStart: Uint32Array;
	readonly #titlePostingDocs: Uint32Array;
	readonly #titlePostingCounts: Uint16Array;
	readonly #deletionHash: Uint32Array;
	readonly #deletionTerm: Uint32Array;
	readonly titleLengths: Uint16Array;
	readonly abstractLengths: Uint16Array;

	constructor(data: SegmentData) {
		const { buffer, layout } = data;
		this.#data = data;
		this.layout = layout;
		const view = <N extends SectionName>(name: N): Section<N> => sectionView(buffer, layout, name);
		const bytes = (name: 'text' | 'meta' | 'terms' | 'ids') => {
			const [offset, length] = layout.sections[name];
			return Buffer.from(buffer, offset, length);
		};
		this.#text = bytes('text');
		this.#meta = bytes('meta');
		this.#terms = bytes('terms');
		this.#ids = bytes('ids');
		this.#textStart = view('textStart');
		this.#metaStart = view('metaStart');
		this.#idOrder = view('idOrder');
		this.#termStart = view('termStart');
		this.#postingStart = view('postingStart');
		this.#postingDocs = view('postingDocs');
		this.#postingCounts = view('postingCounts');
		this.#titlePostingStart = view('titlePostingStart');
		this.#titlePostingDocs = view('titlePostingDocs');
		this.#titlePostingCounts = view('titlePostingCounts');
		this.#deletionHash = view('deletionHash');
		this.#deletionTerm = view('deletionTerm');
		this.titleLengths = view('titleLengths');
		this.abstractLengths = view('abstractLengths');
	}

	get docCount(): number {
		return this.layout.docs;
	}

	get termCount(): number {
		return this.layout.terms;
	}

	/** The whole buffer, for handing to another thread. */
	get data(): SegmentData {
		return this.#data;
	}

	term(id: number): string {
		return this.#terms.toString('utf8', this.#termStart[id], this.#termStart[id + 1]);
	}

	/** First term id whose bytes are not below `key`. */
	#lowerBound(key: Buffer): number {
		let low = 0;
		let high = this.layout.terms;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (key.compare(this.#terms, this.#termStart[middle], this.#termStart[middle + 1]) > 0) low = middle + 1;
			else high = middle;
		}
		return low;
	}

	termId(term: string): number | undefined {
		const key = Buffer.from(term);
		const id = this.#lowerBound(key);
		return id < this.layout.terms && key.compare(this.#terms, this.#termStart[id], this.#termStart[id + 1]) === 0 ? id : undefined;
	}

	/** Ids of up to `limit` terms that extend `prefix` (not the prefix itself), in byte order. */
	extending(prefix: string, limit: number): number[] {
		const key = Buffer.from(prefix);
		const ids: number[] = [];
		for (let id = this.#lowerBound(key); id < this.layout.terms && ids.length < limit; id++) {
			const start = this.#termStart[id]!;
			const end = this.#termStart[id + 1]!;
			if (end - start < key.length || key.compare(this.#terms, start, start + key.length) !== 0) break;
			if (end - start > key.length) ids.push(id);
		}
		return ids;
	}

	/** Terms one of whose one-letter deletions may be `key` (hash matches: the caller checks the distance). */
	deletedTo(key: string, into: Set<number>): void {
		const hash = deletionHash(key);
		const hashes = this.#deletionHash;
		let low = 0;
		let high = hashes.length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (hashes[middle]! < hash) low = middle + 1;
			else high = middle;
		}
		for (let i = low; i < hashes.length && hashes[i] === hash; i++) into.add(this.#deletionTerm[i]!);
	}

	postings(termId: number, titlesOnly: boolean): PostingView | undefined {
		const [start, docs, counts] = titlesOnly
			? [this.#titlePostingStart, this.#titlePostingDocs, this.#titlePostingCounts]
			: [this.#postingStart, this.#postingDocs, this.#postingCounts];
		const from = start[termId]!;
		const length = start[termId + 1]! - from;
		return length === 0 ? undefined : { docs: docs.subarray(from, from + length), counts: counts.subarray(from, from + length), length };
	}

	documentFrequency(termId: number): number {
		return this.#postingStart[termId + 1]! - this.#postingStart[termId]!;
	}

	id(doc: number): string {
		return this.#ids.toString('hex', doc * 8, doc * 8 + 8);
	}

	docOf(id: string): number | undefined {
		const key = idBytes(id);
		if (!key) return undefined;
		let low = 0;
		let high = this.layout.docs;
		while (low < high) {
			const middle = (low + high) >>> 1;
			const doc = this.#idOrder[middle]!;
			const order = key.compare(this.#ids, doc * 8, doc * 8 + 8);
			if (order === 0) return doc;
			if (order > 0) low = middle + 1;
			else high = middle;
		}
		return undefined;
	}

	title(doc: number): string {
		return this.#text.toString('utf8', this.#textStart[2 * doc], this.#textStart[2 * doc + 1]);
	}

	abstract(doc: number): string {
		return this.#text.toString('utf8', this.#textStart[2 * doc + 1], this.#textStart[2 * doc + 2]);
	}

	paper(doc: number): Paper {
		const meta = JSON.parse(this.#meta.toString('utf8', this.#metaStart[doc], this.#metaStart[doc + 1])) as Omit<
			Paper,
			'title' | 'abstract'
		>;
		return { ...meta, title: this.title(doc), abstract: this.abstract(doc) };
	}
}
