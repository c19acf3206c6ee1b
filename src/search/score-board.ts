import type { ExpandedWord } from './expand.ts';
import type { PaperIndex } from './paper-index.ts';
import { lowerBound, type PostingView } from './posting-list.ts';
import { kthLargest, type TopK } from './top-k.ts';

/** BM25 constants; titles weigh more than abstracts because a title says what a paper is about. */
const K1 = 1.2;
const B = 0.75;
const TITLE_WEIGHT = 3;
/**
 * Once the words scored so far carry this share of the query's weight and fill the result
 * pool, the remaining (common) words only update the FINALISTS best candidates so far: a
 * paper outside them covers too little of the query's weight to reach the results (coverage
 * counts squared). A long typo'd title at 100k papers scores its rare words against the
 * corpus and "language models" against a thousand finalists instead of half the corpus.
 * This is approximate top-k; the bench checks it against exhaustive scoring.
 */
const CLOSING_SHARE = 0.5;
const FINALISTS = 1000;
/**
 * A correction or completion of a word the corpus holds as typed covers only part of it, and
 * coverage counts squared: a paper with the word as typed, even once in its abstract, outranks
 * titles with a near-miss or a longer word ("A2Bench" is not "ASBench", "PERIA" not
 * "Periapsis"). Readings of a word the corpus lacks cover it fully: they are all there is.
 */
const OTHER_READING_COVERAGE = 0.4;

/** BM25's idf: what a term is worth, search's weight and similar papers' alike. */
export function inverseDocumentFrequency(index: PaperIndex, termId: number): number {
	const df = index.documentFrequency(termId);
	const n = Math.max(index.size, df);
	return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/**
 * A paper's score: its BM25 sum times the share of the query's weight it covers, squared, so
 * papers covering part of the query fall off steeply and a long title query is not won by its
 * common words.
 */
function rankScore(bm25: number, coverage: number): number {
	return bm25 * coverage * coverage;
}

export interface ScoreOptions {
	readonly titlesOnly: boolean;
	/** Whether every scored paper is eligible, so scoring may narrow to finalists (see CLOSING_SHARE). */
	readonly closable: boolean;
	/** Score only these papers, in document order. */
	readonly only?: Uint32Array;
}

interface WordPlan {
	readonly word: ExpandedWord;
	/** What covering this word is worth: its most telling reading's weight. */
	readonly weight: number;
}

/**
 * Accumulates per-paper scores in typed arrays sized to the corpus and reused across
 * queries, so scoring allocates nothing per posting.
 */
export class ScoreBoard {
	#total = new Float64Array(0);
	#wordScore = new Float64Array(0);
	#wordCoverage = new Float64Array(0);
	#covered = new Float64Array(0);
	#candidates = new Uint32Array(0);
	#finalistDocs = new Uint32Array(0);
	#finalistScores = new Float64Array(0);
	#selection = new Float64Array(0);
	#touched = new Uint32Array(0);
	/** 1 for each paper of the set being scored, when scoring is narrowed to one. */
	#chosen = new Uint8Array(0);

	private readonly index: PaperIndex;
	constructor(index: PaperIndex) {
		this.index = index;
	}

	idf(termId: number): number {
		return inverseDocumentFrequency(this.index, termId);
	}

	/** Papers containing any of the terms. */
	docsWithAny(termIds: readonly number[]): Set<number> {
		const docs = new Set<number>();
		for (const termId of termIds) {
			for (const list of this.index.postings(termId)) for (let k = 0; k < list.length; k++) docs.add(list.docs[k]!);
		}
		return docs;
	}

	/** Scores the papers matching at least one word and offers those `admit` accepts to `pool`. */
	collect(words: readonly ExpandedWord[], options: ScoreOptions, pool: TopK, admit: (doc: number) => boolean): void {
		this.#ensureSize();
		const plans = words
			.map((word): WordPlan => {
				// A word found as typed is worth what it is worth: a rare near-miss of a common word
				// ("leaning" for "learning") must not make it look rare, nor outscore the word itself.
				const exact = word.expansions.find((e) => e.kind === 'exact');
				const weights = word.expansions.map((e) => e.factor * this.idf(e.termId));
				return { word, weight: exact ? this.idf(exact.termId) : Math.max(0, ...weights) };
			})
			// Rare words first: they pick few candidates, and the common ones can then often just update those.
			.sort((a, b) => b.weight - a.weight);
		const queryWeight = plans.reduce((sum, plan) => sum + plan.weight, 0);
		const total = this.#total;
		const covered = this.#covered;
		const wordScore = this.#wordScore;
		const wordCoverage = this.#wordCoverage;
		const candidates = this.#candidates;
		let candidateCount = 0;
		let restWeight = queryWeight;
		let finalists = options.only;
		const chosen = this.#chosen;
		if (finalists) for (let i = 0; i < finalists.length; i++) chosen[finalists[i]!] = 1;
		try {
			for (const plan of plans) {
				if (!finalists && options.closable && candidateCount >= pool.capacity && restWeight <= queryWeight * CLOSING_SHARE) {
					finalists = this.#finalists(candidates.subarray(0, candidateCount), queryWeight, Math.max(FINALISTS, pool.capacity));
					for (let i = 0; i < finalists.length; i++) chosen[finalists[i]!] = 1;
				}
				const touched = this.#scoreWord(plan, options.titlesOnly, finalists);
				const weight = plan.weight;
				for (let i = 0; i < touched.length; i++) {
					const doc = touched[i]!;
					if (total[doc] === 0) candidates[candidateCount++] = doc;
					total[doc]! += wordScore[doc]!;
					covered[doc]! += weight * wordCoverage[doc]!;
					wordScore[doc] = wordCoverage[doc] = 0;
				}
				restWeight -= plan.weight;
			}
			let threshold = pool.threshold;
			for (let i = 0; i < candidateCount; i++) {
				const doc = candidates[i]!;
				const score = rankScore(total[doc]!, covered[doc]! / queryWeight);
				if (score > threshold && !this.index.isRetired(doc) && admit(doc)) {
					pool.offer(doc, score);
					threshold = pool.threshold;
				}
			}
		} finally {
			for (let i = 0; i < candidateCount; i++) total[candidates[i]!] = covered[candidates[i]!] = 0;
			if (finalists) for (let i = 0; i < finalists.length; i++) chosen[finalists[i]!] = 0;
		}
	}

	/** About the `count` best candidates by their score so far (ties may add a few), sorted by document for probing. */
	#finalists(candidates: Uint32Array, queryWeight: number, count: number): Uint32Array {
		const kept = this.#finalistDocs;
		if (candidates.length <= count) {
			kept.set(candidates);
			return kept.subarray(0, candidates.length).sort();
		}
		// Plain loops over reused scratch arrays: this runs on every long query at full corpus size.
		const scores = this.#finalistScores.subarray(0, candidates.length);
		const total = this.#total;
		const covered = this.#covered;
		for (let i = 0; i < candidates.length; i++) {
			const doc = candidates[i]!;
			scores[i] = rankScore(total[doc]!, covered[doc]! / queryWeight);
		}
		const selection = this.#selection.subarray(0, candidates.length);
		selection.set(scores);
		const cutoff = kthLargest(selection, count);
		let size = 0;
		for (let i = 0; i < candidates.length; i++) if (scores[i]! >= cutoff) kept[size++] = candidates[i]!;
		return kept.subarray(0, size).sort();
	}

	/** Puts each paper's best score for one word into `wordScore` and how much of it the paper covers into `wordCoverage`; returns the papers touched. */
	#scoreWord({ word, weight }: WordPlan, titlesOnly: boolean, only: Uint32Array | undefined): Uint32Array {
		let touchedCount = 0;
		const typedExists = word.expansions.some((e) => e.kind === 'exact');
		for (const { termId, factor, kind } of word.expansions) {
			const boost = Math.min(factor * this.idf(termId), weight) * (K1 + 1);
			const coverage = kind !== 'exact' && typedExists ? OTHER_READING_COVERAGE : 1;
			for (const list of this.index.postings(termId, titlesOnly))
				touchedCount = this.#scoreList(list, boost, coverage, titlesOnly, only, touchedCount);
		}
		return this.#touched.subarray(0, touchedCount);
	}

	/** Scores one run of a term's postings (all of it, or only the `only` papers) into `wordScore` and `wordCoverage`. */
	#scoreList(
		list: PostingView,
		boost: number,
		coverage: number,
		titlesOnly: boolean,
		only: Uint32Array | undefined,
		touchedCount: number,
	): number {
		const touched = this.#touched;
		const { title, abstract, titleScale, abstractScale } = this.index.lengths();
		const wordScore = this.#wordScore;
		const wordCoverage = this.#wordCoverage;
		const { docs, counts, length } = list;
		// Narrowed to a set, the shorter side drives: a short list is walked and checked against
		// the set, a long one is probed for each paper of the set.
		const probe = only !== undefined && length > only.length;
		const filter = only !== undefined && !probe;
		const chosen = this.#chosen;
		let at = 0;
		for (let i = 0, end = probe ? only.length : length; i < end; i++) {
			let k = i;
			if (probe) {
				at = lowerBound(list, only[i]!, at);
				if (at >= length) break;
				if (docs[at] !== only[i]) continue;
				k = at;
			}
			const doc = docs[k]!;
			if (filter && chosen[doc] === 0) continue;
			const count = counts[k]!;
			const abstractCount = titlesOnly ? 0 : count & 0xff;
			const tf =
				(TITLE_WEIGHT * (count >> 8)) / (1 - B + B * title[doc]! * titleScale) +
				abstractCount / (1 - B + B * abstract[doc]! * abstractScale);
			const score = (boost * tf) / (K1 + tf);
			if (wordScore[doc] === 0) touched[touchedCount++] = doc;
			if (score > wordScore[doc]!) wordScore[doc] = score;
			if (coverage > wordCoverage[doc]!) wordCoverage[doc] = coverage;
		}
		return touchedCount;
	}

	#ensureSize(): void {
		const size = this.index.docCount;
		if (this.#total.length >= size) return;
		// Headroom for papers arriving later, without doubling a million-paper board per thread.
		const capacity = Math.max(1024, Math.ceil(size * 1.25));
		this.#total = new Float64Array(capacity);
		this.#wordScore = new Float64Array(capacity);
		this.#wordCoverage = new Float64Array(capacity);
		this.#covered = new Float64Array(capacity);
		this.#candidates = new Uint32Array(capacity);
		this.#finalistDocs = new Uint32Array(capacity);
		this.#finalistScores = new Float64Array(capacity);
		this.#selection = new Float64Array(capacity);
		this.#touched = new Uint32Array(capacity);
		this.#chosen = new Uint8Array(capacity);
	}
}
