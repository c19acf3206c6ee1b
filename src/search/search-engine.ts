import Fuse from 'fuse.js';
import type { Paper } from '../papers/paper.js';
import { expandWord, type ExpandedWord } from './expand.js';
import type { PaperIndex } from './paper-index.js';
import { parseQuery, type ParsedQuery } from './query.js';
import { ScoreBoard } from './score-board.js';
import { ExplainedResult, type SearchResult } from './search-result.js';
import { terms } from './tokenize.js';
import { TopK } from './top-k.js';

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
/** Candidates re-ranked by Fuse's title similarity: enough to lift a typo'd title from anywhere near the top. */
const RERANK_POOL = 20;
/**
 * Fuse's bitap works on 32-character chunks, and every further chunk multiplies its cost;
 * a title's first 32 characters say enough about whether the query is that title.
 */
const TITLE_PATTERN_CHARS = 32;
/**
 * A topic is a phrase even unquoted: papers saying "domain adaptation" are more about it than
 * papers saying "domain" here and "adaptation" there. Long queries are titles, left to Fuse.
 */
const PHRASE_BONUS = 1.3;
const MAX_PHRASE_BONUS_WORDS = 5;
/** How much a close title match can multiply the score. */
const TITLE_SIMILARITY_WEIGHT = 1;

function phrasePattern(phrase: readonly string[]): RegExp {
	// Terms are letters and digits only. An ASCII phrase gets a plain case-insensitive pattern,
	// several times faster than the Unicode-aware one, which other scripts need.
	if (phrase.every((term) => /^[a-z0-9]+$/.test(term))) return new RegExp(`\\b${phrase.join('[^a-z0-9]+')}\\b`, 'i');
	return new RegExp(`(?<![\\p{L}\\p{N}])${phrase.join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`, 'iu');
}

function containsPhrase(paper: Paper, pattern: RegExp): boolean {
	return pattern.test(paper.title) || pattern.test(paper.abstract);
}

/**
 * Search over an inverted index: each query word expands to the corpus terms it may mean
 * (exact, corrected, completed), papers are scored with BM25 weighted by how much of the
 * query they cover, and Fuse re-ranks the best candidates by title similarity, which is
 * what it is good at on short strings.
 */
export class SearchEngine {
	readonly #board: ScoreBoard;

	constructor(readonly index: PaperIndex) {
		this.#board = new ScoreBoard(index);
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

	/** Titles completing what a member is typing, for autocomplete: no explanations, titles only. */
	suggest(text: string, limit = 25): Paper[] {
		const query = parseQuery(text);
		const options = { limit, titlesOnly: true, completeLastWord: !/\s$/.test(text) };
		return this.#rank(query, this.expand(query, options.completeLastWord), options).map(({ item }) => this.index.paper(item));
	}

	#rank(query: ParsedQuery, words: readonly ExpandedWord[], options: SearchOptions): { item: number; score: number }[] {
		const limit = Math.max(1, Math.min(options.limit ?? 10, MAX_LIMIT));
		if (words.length === 0) return [];
		const required = query.phrases.map(phrasePattern);
		const forbidden = query.excludedPhrases.map(phrasePattern);
		const excludedDocs = this.#board.docsWithAny(this.#exclusionTerms(query.excludedWords));
		const pool = new TopK(Math.max(limit, RERANK_POOL));
		// Filters can drop any candidate, so only an unfiltered query may close its candidate set early.
		const closable = required.length + forbidden.length + excludedDocs.size === 0;
		this.#board.collect(words, { titlesOnly: options.titlesOnly ?? false, closable }, pool, (doc) => {
			if (excludedDocs.has(doc)) return false;
			const paper = this.index.paper(doc);
			return required.every((pattern) => containsPhrase(paper, pattern)) && !forbidden.some((pattern) => containsPhrase(paper, pattern));
		});
		return this.#rerank(pool.sorted(), query.text).slice(0, limit);
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

	/** Orders the best candidates by title similarity (Fuse) and by the query's words standing together. */
	#rerank(pool: { item: number; score: number }[], text: string): { item: number; score: number }[] {
		if (pool.length < 2) return pool;
		const queryTerms = terms(text);
		const together = queryTerms.length >= 2 && queryTerms.length <= MAX_PHRASE_BONUS_WORDS ? phrasePattern(queryTerms) : undefined;
		const fuse = new Fuse(
			pool.map(({ item }) => this.index.paper(item).title),
			{ includeScore: true, ignoreLocation: true, threshold: 0.3, shouldSort: false },
		);
		const cut = text.lastIndexOf(' ', TITLE_PATTERN_CHARS);
		const pattern = text.length <= TITLE_PATTERN_CHARS ? text : text.slice(0, cut > 0 ? cut : TITLE_PATTERN_CHARS);
		const similarity = new Float64Array(pool.length);
		for (const { refIndex, score } of fuse.search(pattern)) similarity[refIndex] = 1 - (score ?? 1);
		return pool
			.map(({ item, score }, i) => {
				const adjacent = together !== undefined && containsPhrase(this.index.paper(item), together);
				return { item, score: score * (1 + TITLE_SIMILARITY_WEIGHT * similarity[i]!) * (adjacent ? PHRASE_BONUS : 1) };
			})
			.sort((a, b) => b.score - a.score || a.item - b.item);
	}
}
