import type { Paper } from '../papers/paper.ts';
import { expandWord, type ExpandedWord } from './expand.ts';
import type { PaperIndex, PaperText } from './paper-index.ts';
import { parseQuery, phrasePattern, type ParsedQuery } from './query.ts';
import { ScoreBoard } from './score-board.ts';
import { SimilarPapers, type SimilarResponse } from './similar.ts';
import { ExplainedResult, type SearchResult } from './search-result.ts';
import { RERANK_POOL, rerankByTitle, type Candidate } from './rerank.ts';
import { findRuns, holdingAll, standsTogether, togetherElsewhere, togetherPattern, type Runs } from './together.ts';
import { isStopword } from './tokenize.ts';
import { TopK } from './top-k.ts';

export interface SearchOptions {
	/** How many results to return (default 10, at most 100). */
	readonly limit?: number;
	/** Treat the last word as unfinished and complete it (as-you-type search). Default true. */
	readonly completeLastWord?: boolean;
	/** Search titles only (autocomplete). */
	readonly titlesOnly?: boolean;
	/** Return one page of the ranked results instead of all of them (pages count from 0). */
	readonly page?: { readonly index: number; readonly size: number };
}

export interface SearchResponse {
	readonly query: ParsedQuery;
	/** The query's words and the corpus terms each stood for, which explanations are made from. */
	readonly words: readonly ExpandedWord[];
	/** All ranked results, or the page asked for. */
	readonly results: readonly SearchResult[];
	/** How many results were ranked (at most the limit), whatever page was asked for. */
	readonly total: number;
}

export const MAX_LIMIT = 100;
/**
 * Candidates checked for the query's words standing together. A run of common title words
 * ("model pre-training via") scores like hundreds of papers that merely hold its words, so the
 * one paper where they stand together must be looked for well below the re-rank pool.
 */
const TOGETHER_POOL = 100;
const NO_RUNS: Runs = { docs: new Uint32Array(0), searched: 'none' };

function containsPhrase(paper: PaperText, pattern: RegExp): boolean {
	return pattern.test(paper.title) || pattern.test(paper.abstract);
}

/**
 * Search over an inverted index: each query word expands to the corpus terms it may mean
 * (exact, corrected, completed), papers are scored with BM25 weighted by how much of the
 * query they cover, papers where the query's words stand together as typed rank first, and
 * Fuse re-ranks the best candidates by title similarity, which is what it is good at on
 * short strings.
 */
export class SearchEngine {
	readonly #board: ScoreBoard;
	readonly #similar: SimilarPapers;

	readonly index: PaperIndex;
	constructor(index: PaperIndex) {
		this.index = index;
		this.#board = new ScoreBoard(index);
		this.#similar = new SimilarPapers(index);
	}

	search(input: string | ParsedQuery, options: SearchOptions = {}): SearchResponse {
		const query = typeof input === 'string' ? parseQuery(input) : input;
		const words = this.expand(query, options.completeLastWord ?? true);
		const ranked = this.#rank(query, words, options);
		const start = options.page ? Math.max(0, options.page.index * options.page.size) : 0;
		const shown = options.page ? ranked.slice(start, start + options.page.size) : ranked;
		const results = shown.map(({ item, score }) => new ExplainedResult(this.index.paper(item), Math.round(score * 1000) / 1000, words));
		return { query, words, results, total: ranked.length };
	}

	/** A searchable paper by id. */
	paper(id: string): Paper | undefined {
		const doc = this.index.docOf(id);
		return doc === undefined || this.index.isRetired(doc) ? undefined : this.index.paper(doc);
	}

	/** The papers most like a searchable paper, saying what each shares with it; undefined when the library lacks it. */
	similar(id: string, limit?: number): SimilarResponse | undefined {
		return this.#similar.similar(id, limit);
	}

	/** Titles completing what a member is typing, for autocomplete: no explanations, titles only. */
	suggest(text: string, limit = 25): Paper[] {
		const query = parseQuery(text);
		const options = { limit, titlesOnly: true, completeLastWord: !/\s$/.test(text) };
		return this.#rank(query, this.expand(query, options.completeLastWord), options).map(({ item }) => this.index.paper(item));
	}

	#rank(query: ParsedQuery, words: readonly ExpandedWord[], options: SearchOptions): { item: number; score: number }[] {
		const limit = Math.max(1, Math.min(options.limit ?? 10, MAX_LIMIT));
		if (words.length === 0) return [];
		const titlesOnly = options.titlesOnly ?? false;
		const filter = this.#filter(query);
		const openEnd = options.completeLastWord ?? true;
		const together = togetherPattern(query.text, openEnd);
		const runs = together ? findRuns(this.index, words, together, titlesOnly, openEnd) : NO_RUNS;
		const reranked = Math.max(limit, RERANK_POOL);
		// Papers with the words together rank first, so their best are all that is shown or re-ranked...
		const first = new TopK(reranked);
		if (runs.docs.length > 0) this.#board.collect(words, { titlesOnly, closable: false, only: runs.docs }, first, filter.admit);
		// With the last word still being typed, the words standing together as typed come before those
		// where it only begins a word: "CO-EVO" before "Co-Evolutionary".
		const closed = openEnd && together ? togetherPattern(query.text, false) : undefined;
		const grade = (item: number) => (closed && !standsTogether(this.index.text(item), closed, titlesOnly) ? 1 : 2);
		const ranked = first.sorted().map((c): Candidate => ({ ...c, together: grade(c.item) }));
		// ...unless too few of them were found.
		if (ranked.length < reranked) {
			const found = new Set(ranked.map(({ item }) => item));
			// Where findRuns did not look is looked at here, further down than the re-rank pool.
			const check = runs.searched !== 'text' ? together : undefined;
			const pool = new TopK(check ? Math.max(limit, TOGETHER_POOL) : reranked);
			this.#board.collect(words, { titlesOnly, closable: filter.closable, only: filter.only }, pool, filter.admit);
			for (const { item, score } of pool.sorted()) {
				if (found.has(item)) continue;
				const isTogether = check !== undefined && togetherElsewhere(this.index.text(item), check, runs, titlesOnly);
				ranked.push({ item, score, together: isTogether ? grade(item) : 0 });
			}
		}
		// A stable sort: score order within each side.
		ranked.sort((a, b) => b.together - a.together);
		return rerankByTitle(this.index, ranked.slice(0, reranked), query.text).slice(0, limit);
	}

	/** What quoted phrases and exclusions let through, and the papers that may hold the phrases. */
	#filter(query: ParsedQuery): { admit: (doc: number) => boolean; closable: boolean; only: Uint32Array | undefined } {
		const required = query.phrases.map((phrase) => phrasePattern(phrase));
		const forbidden = query.excludedPhrases.map((phrase) => phrasePattern(phrase));
		const excludedDocs = this.#board.docsWithAny(this.#exclusionTerms(query.excludedWords));
		const admit = (doc: number) => {
			if (excludedDocs.has(doc)) return false;
			const paper = this.index.text(doc);
			return required.every((pattern) => containsPhrase(paper, pattern)) && !forbidden.some((pattern) => containsPhrase(paper, pattern));
		};
		// Filters can drop any candidate, so only an unfiltered query may close its candidate set early.
		const closable = required.length + forbidden.length + excludedDocs.size === 0;
		// A paper lacking a word of a required phrase cannot hold it: only those holding them all are scored.
		const { vocabulary } = this.index;
		const phraseTerms = query.phrases.flat().filter((term) => !isStopword(term));
		const only = holdingAll(
			this.index,
			phraseTerms.map((term) => [vocabulary.id(term)].filter((id) => id !== undefined)),
			false,
			Infinity,
		);
		return { admit, closable, only };
	}

	/** Each ranking word with the corpus terms it stands for; phrase words are matched exactly. */
	expand(query: ParsedQuery, completeLastWord: boolean): ExpandedWord[] {
		const phraseWords = new Set(query.phrases.flat());
		const last = query.words.length - 1;
		return query.words.map((word, i) =>
			expandWord(this.index, word, { fuzzy: !phraseWords.has(word), prefix: completeLastWord && i === last && !phraseWords.has(word) }),
		);
	}

	#exclusionTerms(words: readonly string[]): number[] {
		// "-survey" should also drop papers that say "surveys".
		const forms = words.flatMap((word) => [word, `${word}s`, word.endsWith('s') ? word.slice(0, -1) : word]);
		return forms.map((form) => this.index.vocabulary.id(form)).filter((id): id is number => id !== undefined);
	}
}
