import type { Paper } from '../papers/paper.ts';
import type { PaperIndex, PaperText } from './paper-index.ts';
import { paperTerms, TITLE_UNIT } from './paper-terms.ts';
import { inverseDocumentFrequency } from './score-board.ts';
import { sharedWords } from './shared-words.ts';
import { TopK } from './top-k.ts';

/** A paper like the one asked about, how alike (cosine, 0 to 1), and the words they share, most telling first. */
export interface SimilarPaper {
	readonly paper: Paper;
	readonly score: number;
	readonly shared: readonly string[];
}

export interface SimilarResponse {
	/** The paper asked about. */
	readonly paper: Paper;
	readonly results: readonly SimilarPaper[];
}

/** A paper's terms weighted by TF-IDF (count in title and abstract times search's idf), and the vector's length. */
export interface TermVector {
	readonly weights: ReadonlyMap<string, number>;
	readonly norm: number;
}

/** The paper's most distinctive terms that candidates are looked up by: its rarer words carry the cosine. */
const QUERY_TERMS = 30;
/** Candidates by the index's estimate, re-scored by exact cosine over their text. */
const POOL = 60;
/**
 * A term in more than this share of a large library is not walked for candidates (its list is
 * long and its idf small); it still counts in the exact cosine of the candidates found.
 */
const COMMON_SHARE = 0.05;
const MIN_COMMON_PAPERS = 1_000;
/** A paper with the same abstract or the same words as the one asked about is a duplicate listing, not a similar paper. */
const DUPLICATE_COSINE = 0.9999;
const MAX_SHARED = 5;

/**
 * Papers like a given one, from the index: its most distinctive terms (TF-IDF, with search's
 * idf) are looked up in the postings, each candidate estimated by its weighted term counts over
 * the square root of its length, and the best candidates re-scored by exact TF-IDF cosine.
 * Scratch arrays are reused across requests, as the score board's are.
 */
export class SimilarPapers {
	#estimate = new Float64Array(0);
	#touched = new Uint32Array(0);

	private readonly index: PaperIndex;
	constructor(index: PaperIndex) {
		this.index = index;
	}

	/** The `limit` papers most like the paper `id`, best first; undefined when the library lacks it. */
	similar(id: string, limit = 5): SimilarResponse | undefined {
		const { index } = this;
		const self = index.docOf(id);
		if (self === undefined || index.isRetired(self)) return undefined;
		const paper = index.paper(self);
		const idf = this.#idfOf();
		const source = termVector(paper, idf);
		const exact = new TopK(limit);
		for (const doc of this.#candidates(source, self, Math.max(POOL, limit * 4))) {
			const text = index.text(doc);
			const score = cosine(source, termVector(text, idf));
			const duplicate = score >= DUPLICATE_COSINE || (paper.abstract !== '' && text.abstract === paper.abstract);
			if (score > 0 && !duplicate) exact.offer(doc, score);
		}
		return {
			paper,
			results: exact.sorted().map(({ item, score }) => {
				const other = index.paper(item);
				const shared = sharedWords({ text: paper, vector: source }, { text: other, vector: termVector(other, idf) }, MAX_SHARED);
				return { paper: other, score: Math.round(score * 1000) / 1000, shared };
			}),
		};
	}

	/** Search's idf of a term by its text, looked up once per request. */
	#idfOf(): (term: string) => number {
		const known = new Map<string, number>();
		return (term) => {
			let value = known.get(term);
			if (value === undefined) {
				const termId = this.index.vocabulary.id(term);
				value = termId === undefined ? 0 : inverseDocumentFrequency(this.index, termId);
				known.set(term, value);
			}
			return value;
		};
	}

	/** The `count` papers the index estimates closest, through the source's most distinctive terms. */
	#candidates(source: TermVector, self: number, count: number): number[] {
		const { index } = this;
		this.#ensureSize();
		const estimate = this.#estimate;
		const touched = this.#touched;
		let touchedCount = 0;
		const common = Math.max(MIN_COMMON_PAPERS, index.size * COMMON_SHARE);
		const queryTerms = [...source.weights].sort((a, b) => b[1] - a[1]).slice(0, QUERY_TERMS);
		for (const [term, weight] of queryTerms) {
			const termId = index.vocabulary.id(term);
			if (termId === undefined || index.documentFrequency(termId) > common) continue;
			const termWeight = weight * inverseDocumentFrequency(index, termId);
			for (const { docs, counts, length } of index.postings(termId)) {
				for (let k = 0; k < length; k++) {
					const doc = docs[k]!;
					if (estimate[doc] === 0) touched[touchedCount++] = doc;
					const count = counts[k]!;
					estimate[doc]! += termWeight * ((count >> 8) + (count & 0xff));
				}
			}
		}
		const { title, abstract } = index.lengths();
		const pool = new TopK(count);
		for (let i = 0; i < touchedCount; i++) {
			const doc = touched[i]!;
			if (doc !== self && !index.isRetired(doc)) pool.offer(doc, estimate[doc]! / Math.sqrt(1 + title[doc]! + abstract[doc]!));
			estimate[doc] = 0;
		}
		return pool.sorted().map(({ item }) => item);
	}

	#ensureSize(): void {
		const size = this.index.docCount;
		if (this.#estimate.length >= size) return;
		// Headroom for papers arriving later, as the score board keeps.
		const capacity = Math.max(1024, Math.ceil(size * 1.25));
		this.#estimate = new Float64Array(capacity);
		this.#touched = new Uint32Array(capacity);
	}
}

/** A paper's TF-IDF vector over its title and abstract, as the index counts their terms. */
export function termVector(text: PaperText, idf: (term: string) => number): TermVector {
	const weights = new Map<string, number>();
	let squares = 0;
	for (const [term, packed] of paperTerms(text).counts) {
		const weight = (Math.floor(packed / TITLE_UNIT) + (packed % TITLE_UNIT)) * idf(term);
		if (weight <= 0) continue;
		weights.set(term, weight);
		squares += weight * weight;
	}
	return { weights, norm: Math.sqrt(squares) };
}

export function cosine(a: TermVector, b: TermVector): number {
	if (a.norm === 0 || b.norm === 0) return 0;
	const [small, large] = a.weights.size <= b.weights.size ? [a, b] : [b, a];
	let dot = 0;
	for (const [term, weight] of small.weights) dot += weight * (large.weights.get(term) ?? 0);
	return dot / (a.norm * b.norm);
}
