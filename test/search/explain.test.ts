import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/papers/paper.ts';
import type { ExpandedWord, MatchKind } from '../../src/search/expand.ts';
import { explain, SNIPPET_CHARS, type Snippet } from '../../src/search/explain.ts';
import { forEachWord } from '../../src/search/tokenize.ts';

const paper = (title: string, abstract: string): Paper => ({ id: '0000000000000001', title, abstract, listings: [] });

const word = (typed: string, ...expansions: [term: string, kind: MatchKind][]): ExpandedWord => ({
	word: typed,
	expansions: expansions.map(([term, kind]) => ({ termId: -1, term, kind, factor: 1, papers: 1 })),
});

interface Hit {
	readonly start: number;
	readonly end: number;
	readonly word: number;
}

/** The model of what matched: the general word walk over the text, each term going to the first query word that has it. */
function modelHits(text: string, words: readonly ExpandedWord[]): Hit[] {
	const hits: Hit[] = [];
	forEachWord(text, (term, start, end) => {
		const owner = words.findIndex((w) => w.expansions.some((e) => e.term === term));
		if (owner !== -1) hits.push({ start, end, word: owner });
	});
	return hits;
}

/** Each query word's first match in the title, then in the abstract, in query order, as written there. */
function modelMatches(p: Paper, words: readonly ExpandedWord[]) {
	return (['title', 'abstract'] as const).flatMap((field) => {
		const text = p[field];
		const hits = modelHits(text, words);
		return words.flatMap((w, i) => {
			const first = hits.find((hit) => hit.word === i);
			if (!first) return [];
			const matched = text.slice(first.start, first.end);
			const term = [...w.expansions].find((e) => forEachWordTerm(matched) === e.term)!;
			return [{ word: w.word, matched, field, kind: term.kind }];
		});
	});
}

function forEachWordTerm(text: string): string {
	let found = '';
	forEachWord(text, (term) => (found = term));
	return found;
}

/** The best window, by brute force: the first hit opening a window of SNIPPET_CHARS that holds the most distinct query words. */
function bestWindowStart(hits: readonly Hit[]): number | undefined {
	let best: { start: number; distinct: number } | undefined;
	for (const opening of hits) {
		const inside = hits.filter((hit) => hit.start >= opening.start && hit.end <= opening.start + SNIPPET_CHARS);
		const distinct = new Set(inside.map((hit) => hit.word)).size;
		if (!best || distinct > best.distinct) best = { start: opening.start, distinct };
	}
	return best?.start;
}

/** Where the snippet's text stands in the abstract, found by its highlights (or its text, without any). */
function locate(abstract: string, snippet: Snippet, hits: readonly Hit[]): { start: number; end: number } {
	const opened = snippet.text.startsWith('…') ? 1 : 0;
	const core = snippet.text.slice(opened, snippet.text.endsWith('…') ? -1 : undefined);
	const candidates: number[] = [];
	for (let at = abstract.indexOf(core); at !== -1; at = abstract.indexOf(core, at + 1)) candidates.push(at);
	const start =
		snippet.highlights.length > 0
			? hits.find((hit) => candidates.includes(hit.start - snippet.highlights[0]![0] + opened))!.start - snippet.highlights[0]![0] + opened
			: candidates[0]!;
	expect(candidates).toContain(start);
	return { start, end: start + core.length };
}

// Abstracts as the library holds them (cleaned: single spaces, paragraphs joined by a blank line):
// query words in every case and accent, other words, punctuation, and now and then a new paragraph.
const vocabulary = ['grokking', 'Grokking', 'GROKKING', 'model', 'models', 'naïve', 'Naive', 'café', 'Café', '模型', 'loss', 'x'];
const filler = fc.constantFrom(
	'the',
	'of',
	'neural',
	'networks',
	'training',
	'we',
	'show',
	'data',
	'sets',
	'generalize',
	'late',
	'très',
	'ß',
);
const token = fc
	.tuple(
		fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...vocabulary) }, { weight: 4, arbitrary: filler }),
		fc.constantFrom('', '', '', ',', '.', ')'),
	)
	.map(([w, punctuation]) => w + punctuation);
const text = (maxWords: number) =>
	fc
		.array(fc.tuple(token, fc.constantFrom(' ', ' ', ' ', ' ', ' ', ' ', ' ', '\n\n')), { minLength: 1, maxLength: maxWords, size: 'max' })
		.map((parts) =>
			parts
				.flatMap(([w, gap]) => [w, gap])
				.slice(0, -1)
				.join(''),
		);
// Query words standing for overlapping sets of terms, of every kind.
const terms = ['grokking', 'model', 'models', 'naive', 'cafe', '模型', 'loss', 'x', 'absent'];
const kind = fc.constantFrom<MatchKind>('exact', 'prefix', 'fuzzy');
const query = fc.array(
	fc.tuple(
		fc.constantFrom(...terms),
		fc.uniqueArray(fc.tuple(fc.constantFrom(...terms), kind), { minLength: 1, maxLength: 3, selector: ([t]) => t }),
	),
	{ minLength: 1, maxLength: 4 },
);
const words = query.map((q) => q.map(([typed, expansions]) => word(typed, ...expansions)));
const papers = fc.tuple(text(12), fc.oneof(text(20), text(120))).map(([title, abstract]) => paper(title, abstract));

describe('explain', () => {
	it('names, per field, each query word found and its first occurrence as written, in query order', () => {
		fc.assert(
			fc.property(papers, words, (p, w) => {
				expect(explain(p, w).matches).toEqual(modelMatches(p, w));
			}),
			{ numRuns: 300 },
		);
	});

	it('highlights, in order and without overlap, exactly the matched words within the snippet', () => {
		fc.assert(
			fc.property(papers, words, (p, w) => {
				const { snippet } = explain(p, w);
				const hits = modelHits(p.abstract, w);
				const { start, end } = locate(p.abstract, snippet, hits);
				const shift = (snippet.text.startsWith('…') ? 1 : 0) - start;
				const inside = hits.filter((hit) => hit.start >= start && hit.end <= end);
				expect(snippet.highlights).toEqual(inside.map((hit) => [hit.start + shift, hit.end + shift]));
				for (const [i, [from, to]] of snippet.highlights.entries()) {
					expect(from).toBeLessThan(to);
					expect(from).toBeGreaterThanOrEqual(i === 0 ? 0 : snippet.highlights[i - 1]![1]);
					expect(to).toBeLessThanOrEqual(snippet.text.length);
				}
			}),
			{ numRuns: 300 },
		);
	});

	it('cuts the abstract at word boundaries to at most SNIPPET_CHARS, marking each cut', () => {
		fc.assert(
			fc.property(papers, words, (p, w) => {
				const { snippet } = explain(p, w);
				const { start, end } = locate(p.abstract, snippet, modelHits(p.abstract, w));
				expect(end - start).toBeLessThanOrEqual(SNIPPET_CHARS);
				expect(snippet.text.startsWith('…')).toBe(start > 0);
				expect(snippet.text.endsWith('…')).toBe(end < p.abstract.length);
				// Opens after a space (or on the first matched word itself), closes before one.
				if (start > 0) expect(p.abstract[start - 1] === ' ' || modelHits(p.abstract, w).some((hit) => hit.start === start)).toBe(true);
				if (end < p.abstract.length) expect(p.abstract[end]).toBe(' ');
				if (p.abstract.length <= SNIPPET_CHARS) expect(snippet.text).toBe(p.abstract);
			}),
			{ numRuns: 300 },
		);
	});

	it('opens a little before the first match of the window holding the most distinct query words, earlier only to fill the snippet', () => {
		fc.assert(
			fc.property(papers, words, (p, w) => {
				const { snippet } = explain(p, w);
				const hits = modelHits(p.abstract, w);
				const { start, end } = locate(p.abstract, snippet, hits);
				const best = bestWindowStart(hits);
				if (best === undefined) {
					expect(start).toBe(0);
					expect(snippet.highlights).toEqual([]);
					return;
				}
				const shift = (snippet.text.startsWith('…') ? 1 : 0) - start;
				expect(snippet.highlights.map(([from]) => from - shift)).toContain(best);
				expect(best).toBeGreaterThanOrEqual(start);
				// Up to 40 characters of context, more only when the abstract ends within the snippet.
				if (end < p.abstract.length) expect(best - start).toBeLessThanOrEqual(40);
				// Opening at the word before would take more than that context, and more than fits.
				if (start > 0) {
					const before = p.abstract.lastIndexOf(' ', start - 2) + 1;
					expect(best - before > 40 && p.abstract.length - before > SNIPPET_CHARS).toBe(true);
				}
			}),
			{ numRuns: 300 },
		);
	});

	it('looks terms up per query, not per paper: explaining one paper leaves the next unchanged', () => {
		fc.assert(
			fc.property(papers, papers, words, (first, second, w) => {
				explain(first, w);
				expect(explain(second, w)).toEqual(explain(second, structuredClone(w)));
			}),
		);
	});

	it('says which word matched how, and where', () => {
		const p = paper(
			'Grokking in Naïve Models',
			'We study grokking. Late generalization of models trained on small data sets, as a modèle of it, and GROKKING again.',
		);
		const w = [
			word('grokking', ['grokking', 'exact']),
			word('model', ['models', 'fuzzy'], ['modele', 'prefix']),
			word('naive', ['naive', 'exact']),
		];
		expect(explain(p, w).matches).toEqual([
			{ word: 'grokking', matched: 'Grokking', field: 'title', kind: 'exact' },
			{ word: 'model', matched: 'Models', field: 'title', kind: 'fuzzy' },
			{ word: 'naive', matched: 'Naïve', field: 'title', kind: 'exact' },
			{ word: 'grokking', matched: 'grokking', field: 'abstract', kind: 'exact' },
			{ word: 'model', matched: 'models', field: 'abstract', kind: 'fuzzy' },
		]);
		const { snippet } = explain(p, w);
		expect(snippet.text).toBe(p.abstract);
		expect(snippet.highlights.map(([from, to]) => snippet.text.slice(from, to))).toEqual(['grokking', 'models', 'modèle', 'GROKKING']);
	});

	it('gives a term two query words share to the first of them', () => {
		const w = [word('model', ['model', 'exact']), word('modal', ['model', 'fuzzy'], ['modal', 'exact'])];
		expect(explain(paper('A model', 'A modal model.'), w).matches).toEqual([
			{ word: 'model', matched: 'model', field: 'title', kind: 'exact' },
			{ word: 'model', matched: 'model', field: 'abstract', kind: 'exact' },
			{ word: 'modal', matched: 'modal', field: 'abstract', kind: 'exact' },
		]);
	});

	it('moves the snippet to where the most query words stand together, opening a little before them', () => {
		const lead = 'Filler words go on here for quite a while before anything of interest is said at all. '.repeat(4);
		const abstract = `${lead}Grokking is mentioned alone. ${lead}Then grokking and memorization come together. ${lead}`;
		const w = [word('grokking', ['grokking', 'exact']), word('memorization', ['memorization', 'exact'])];
		const { snippet } = explain(paper('T', abstract), w);
		expect(snippet.text.startsWith('…')).toBe(true);
		expect(snippet.text.endsWith('…')).toBe(true);
		expect(snippet.highlights.map(([from, to]) => snippet.text.slice(from, to))).toEqual(['grokking', 'memorization']);
		// The opening is cut after a space, within 40 characters of the first match.
		const opening = snippet.text.indexOf('grokking and');
		expect(opening).toBeGreaterThan(1);
		expect(opening).toBeLessThanOrEqual(41);
	});

	it('shows a short abstract whole, and the end of a long one whose match is near its end, filled to SNIPPET_CHARS', () => {
		const w = [word('grokking', ['grokking', 'exact'])];
		const short = 'Neural networks trained on small algorithmic data sets generalize only long after they overfit: grokking.';
		expect(explain(paper('T', short), w).snippet).toEqual({ text: short, highlights: [[short.length - 9, short.length - 1]] });
		const long = `${'Filler words go on here for quite a while. '.repeat(10)}At the very end comes grokking.`;
		const { text } = explain(paper('T', long), w).snippet;
		expect(text.startsWith('…')).toBe(true);
		expect(long.endsWith(text.slice(1))).toBe(true);
		expect(text.length).toBeGreaterThan(SNIPPET_CHARS - 'Filler '.length);
		expect(text.length).toBeLessThanOrEqual(SNIPPET_CHARS + 1);
	});

	it('shows the opening of the abstract when nothing in it matched', () => {
		const abstract = 'word '.repeat(100).trim();
		const { snippet, matches } = explain(paper('Grokking', abstract), [word('grokking', ['grokking', 'exact'])]);
		expect(matches).toEqual([{ word: 'grokking', matched: 'Grokking', field: 'title', kind: 'exact' }]);
		expect(snippet.highlights).toEqual([]);
		expect(snippet.text.endsWith('…')).toBe(true);
		expect(abstract.startsWith(snippet.text.slice(0, -1))).toBe(true);
		expect(snippet.text.length).toBeLessThanOrEqual(SNIPPET_CHARS + 1);
	});
});
