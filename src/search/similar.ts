import type { Paper } from '../papers/paper.ts';
import type { PaperIndex } from './paper-index.ts';
import { lowerBound } from './posting-list.ts';
import { sharedWords } from './shared-words.ts';
import { paperTerms } from './paper-terms.ts';
import { DocumentNorms, postingCount, termVector, textCount, type VectorTerm } from './term-vector.ts';
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

/** The paper's most distinctive terms that candidates are looked up by: its rarer words carry the cosine. */
const QUERY_TERMS = 30;
/** Candidates by the index's estimate, re-scored by exact cosine. */
const POOL = 60;
/**
 * A term in more than this share of a large library is not walked for candidates (its list is
 * long and its idf small); it still counts in the exact cosine of the candidates found.
 */
const COMMON_SHARE = 0.03;
const MIN_COMMON_PAPERS = 1_000;
/** A paper with the same abstract or the same words as the one asked about is a duplicate listing, not a similar paper. */
const DUPLICATE_COSINE = 0.9999;
const MAX_SHARED = 5;

/**
 * Papers like a given one, from the index: its most distinctive terms (TF-IDF, with search's
 * idf) are looked up in the postings, each candidate estimated by its cosine over those terms
 * alone, and the best candidates re-scored by exact TF-IDF cosine over all of them,
 * their counts of every term of the paper found in the postings. Scratch arrays are reused
 * across requests, as the score board's are.
 */
export class SimilarPapers {
	#estimate = new Float64Array(0);
	#touched = new Uint32Array(0);
	readonly #norms: DocumentNorms;

	private readonly index: PaperIndex;
	constructor(index: PaperIndex) {
		this.index = index;
		this.#norms = new DocumentNorms(index);
	}

	/** The `limit` papers most like the paper `id`, best first; undefined when the library lacks it. */
	similar(id: string, limit = 5): SimilarResponse | undefined {
		const { index } = this;
		const self = index.docOf(id);
		if (self === undefined || index.isRetired(self)) return undefined;
		const paper = index.paper(self);
		const source = termVector(index, paper);
		const terms = [...source.terms].sort((a, b) => b.weight - a.weight);
		const candidates = this.#candidates(terms.slice(0, QUERY_TERMS), self, Math.max(POOL, limit * 4));
		const dots = this.#dots(terms, candidates);
		const scored = Array.from(candidates, (doc, i) => ({ doc, score: dots[i]! / (source.norm * this.#norms.norm(doc)) }));
		scored.sort((a, b) => b.score - a.score || a.doc - b.doc);
		// Only the papers about to be shown have their abstracts read, to tell duplicates.
		const kept: { doc: number; score: number }[] = [];
		for (const { doc, score } of scored) {
			if (kept.length === limit || score <= 0) break;
			if (score < DUPLICATE_COSINE && index.text(doc).abstract !== paper.abstract) kept.push({ doc, score });
		}
		return {
			paper,
			results: kept.map(({ doc, score }) => {
				const other = index.paper(doc);
				const counts = paperTerms(other).counts;
				// What each shared term adds to their dot product.
				const contribution = new Map<string, number>();
				for (const { term, idf, weight } of terms) {
					const count = counts.get(term);
					if (count !== undefined) contribution.set(term, weight * textCount(count) * idf);
				}
				return { paper: other, score: Math.round(score * 1000) / 1000, shared: sharedWords(paper, other, contribution, MAX_SHARED) };
			}),
		};
	}

	/** The `count` papers the index estimates closest, through the source's most distinctive terms; in document order. */
	#candidates(terms: readonly VectorTerm[], self: number, count: number): Uint32Array {
		const { index } = this;
		this.#ensureSize();
		const estimate = this.#estimate;
		const touched = this.#touched;
		let touchedCount = 0;
		const common = Math.max(MIN_COMMON_PAPERS, index.size * COMMON_SHARE);
		for (const { termId, weight, idf } of terms) {
			if (index.documentFrequency(termId) > common) continue;
			const termWeight = weight * idf;
			for (const { docs, counts, length } of index.postings(termId)) {
				for (let k = 0; k < length; k++) {
					const doc = docs[k]!;
					if (estimate[doc] === 0) touched[touchedCount++] = doc;
					estimate[doc]! += termWeight * postingCount(counts[k]!);
				}
			}
		}
		const pool = new TopK(count);
		for (let i = 0; i < touchedCount; i++) {
			const doc = touched[i]!;
			if (doc !== self && !index.isRetired(doc)) pool.offer(doc, estimate[doc]! / this.#norms.norm(doc));
			estimate[doc] = 0;
		}
		return Uint32Array.from(pool.sorted(), ({ item }) => item).sort();
	}

	/** Each candidate's dot product with the source over every source term, its counts probed in the postings. */
	#dots(terms: readonly VectorTerm[], candidates: Uint32Array): Float64Array {
		const dots = new Float64Array(candidates.length);
		for (const { termId, weight, idf } of terms) {
			const termWeight = weight * idf;
			for (const list of this.index.postings(termId)) {
				let at = 0;
				for (let i = 0; i < candidates.length && at < list.length; i++) {
					at = lowerBound(list, candidates[i]!, at);
					if (list.docs[at] === candidates[i]) dots[i]! += termWeight * postingCount(list.counts[at]!);
				}
			}
		}
		return dots;
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
