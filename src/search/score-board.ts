import type { ExpandedWord } from './expand.js';
import type { PaperIndex } from './paper-index.js';

/** BM25 constants; titles weigh more than abstracts because a title says what a paper is about. */
const K1 = 1.2;
const B = 0.75;
const TITLE_WEIGHT = 3;
/** Papers covering only part of the query fall off steeply: a long title query must not be won by its common words. */
const COVERAGE_POWER = 2;

export interface ScoreOptions {
	readonly titlesOnly: boolean;
}

/**
 * Accumulates per-paper scores in typed arrays sized to the corpus and reused across
 * queries, so scoring allocates nothing per posting.
 */
export class ScoreBoard {
	#total = new Float64Array(0);
	#wordScore = new Float64Array(0);
	#covered = new Float64Array(0);

	constructor(private readonly index: PaperIndex) {}

	idf(termId: number): number {
		const df = this.index.documentFrequency(termId);
		const n = Math.max(this.index.size, df);
		return Math.log(1 + (n - df + 0.5) / (df + 0.5));
	}

	/** Papers containing any of the terms (live ones only). */
	docsWithAny(termIds: readonly number[]): Set<number> {
		const docs = new Set<number>();
		for (const termId of termIds) {
			const list = this.index.postings(termId);
			for (let k = 0; k < (list?.length ?? 0); k++) docs.add(list!.docs[k]!);
		}
		return docs;
	}

	/** Scores every paper matching at least one word; yields each once, in no particular order. */
	*score(words: readonly ExpandedWord[], options: ScoreOptions): Generator<{ doc: number; score: number }> {
		this.#ensureSize();
		const { index } = this;
		const total = this.#total;
		const wordScore = this.#wordScore;
		const covered = this.#covered;
		const avgTitle = Math.max(1, index.averageTitleLength);
		const avgAbstract = Math.max(1, index.averageAbstractLength);
		const candidates: number[] = [];
		let queryWeight = 0;
		for (const word of words) {
			// A word weighs what its most telling reading weighs: rare terms decide more.
			const weight = Math.max(0, ...word.expansions.map((e) => e.factor * this.idf(e.termId)));
			queryWeight += weight;
			const touched: number[] = [];
			for (const { termId, factor } of word.expansions) {
				const list = index.postings(termId);
				if (!list) continue;
				const boost = factor * this.idf(termId) * (K1 + 1);
				const { docs, counts } = list;
				for (let k = 0; k < list.length; k++) {
					const doc = docs[k]!;
					const titleCount = counts[k]! >> 8;
					const abstractCount = options.titlesOnly ? 0 : counts[k]! & 0xff;
					if (titleCount === 0 && abstractCount === 0) continue;
					const tf =
						(TITLE_WEIGHT * titleCount) / (1 - B + (B * index.titleLength(doc)) / avgTitle) +
						abstractCount / (1 - B + (B * index.abstractLength(doc)) / avgAbstract);
					const score = (boost * tf) / (K1 + tf);
					if (wordScore[doc] === 0) touched.push(doc);
					if (score > wordScore[doc]!) wordScore[doc] = score;
				}
			}
			for (const doc of touched) {
				if (total[doc] === 0) candidates.push(doc);
				total[doc]! += wordScore[doc]!;
				covered[doc]! += weight;
				wordScore[doc] = 0;
			}
		}
		try {
			for (const doc of candidates) {
				if (index.isRetired(doc)) continue;
				yield { doc, score: total[doc]! * (covered[doc]! / queryWeight) ** COVERAGE_POWER };
			}
		} finally {
			for (const doc of candidates) total[doc] = covered[doc] = 0;
		}
	}

	#ensureSize(): void {
		const size = this.index.docCount;
		if (this.#total.length >= size) return;
		const capacity = Math.max(1024, size * 2);
		this.#total = new Float64Array(capacity);
		this.#wordScore = new Float64Array(capacity);
		this.#covered = new Float64Array(capacity);
	}
}
