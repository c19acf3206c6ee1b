import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/papers/paper.ts';
import { buildSearchEngine } from '../../src/search/build.ts';
import { expandWord, MIN_PREFIX_LENGTH, type ExpandOptions } from '../../src/search/expand.ts';
import { PaperIndex } from '../../src/search/paper-index.ts';
import { isStopword, terms } from '../../src/search/tokenize.ts';
import { osa } from './edit-models.ts';

// Ids are 16 hex digits, as the segment stores them.
const paper = (i: number, title: string, abstract: string): Paper => ({
	id: i.toString(16).padStart(16, '0'),
	title,
	abstract,
	listings: [],
});

/** The same papers laid out every way search sees them: all added live, all in a segment, split between the two. */
function layouts(papers: readonly Paper[]): [string, PaperIndex][] {
	const live = new PaperIndex();
	for (const p of papers) live.add(p);
	const split = buildSearchEngine(papers.slice(0, papers.length >> 1)).index;
	for (const p of papers.slice(papers.length >> 1)) split.add(p);
	return [
		['live', live],
		['segment', buildSearchEngine(papers).index],
		['split', split],
	];
}

/** The model's corpus: how many papers hold each indexed term, counted paper by paper. */
function documentFrequencies(papers: readonly Paper[]): Map<string, number> {
	const frequencies = new Map<string, number>();
	for (const p of papers) {
		for (const term of new Set([...terms(p.title), ...terms(p.abstract)])) {
			if (!isStopword(term)) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
		}
	}
	return frequencies;
}

interface ModelExpansion {
	readonly term: string;
	readonly kind: 'exact' | 'prefix' | 'fuzzy';
	readonly factor: number;
	readonly papers: number;
}

/** Most papers first, then alphabetically: the order that picks the twelve kept. */
const byPapers = (a: ModelExpansion, b: ModelExpansion) => b.papers - a.papers || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);

/**
 * What a word should expand to, by scanning every term: the word if known; the terms one edit
 * away (words of 4 to 7 letters allow one) that are at least a tenth as common as the most common
 * of them, the twelve most common; then the twelve most common other terms it begins.
 */
function modelExpansions(frequencies: ReadonlyMap<string, number>, word: string, options: ExpandOptions): ModelExpansion[] {
	const all = [...frequencies].map(([term, papers]) => ({ term, papers }));
	const expansions: ModelExpansion[] = [];
	const exact = frequencies.get(word);
	if (exact !== undefined) expansions.push({ term: word, kind: 'exact', factor: 1, papers: exact });
	if (options.fuzzy && word.length >= 4) {
		const near = all.filter(({ term }) => term !== word && osa(word, term) <= 1);
		const mostCommon = Math.max(0, ...near.map((c) => c.papers));
		const factor = word.length < 5 ? 0.5 : 0.7;
		const plausible = near.filter((c) => c.papers * 10 >= mostCommon).map((c): ModelExpansion => ({ ...c, kind: 'fuzzy', factor }));
		expansions.push(...plausible.sort(byPapers).slice(0, 12));
	}
	if (options.prefix && word.length >= MIN_PREFIX_LENGTH) {
		const known = new Set(expansions.map((e) => e.term));
		const completions = all
			.filter(({ term }) => term.startsWith(word) && term !== word && !known.has(term))
			.map((c): ModelExpansion => ({ ...c, kind: 'prefix', factor: 0.75 }));
		expansions.push(...completions.sort(byPapers).slice(0, 12));
	}
	return expansions;
}

// A pool of terms over four letters in families: a root, its typos and its extensions, so a word has
// many neighbours and completions; drawn with a skew so that some terms are common and most are rare
// (the plausibility cut and the limit of twelve both bite).
const letter = fc.constantFrom('a', 'b', 'c', 'd');
const edit = (root: string) =>
	fc.tuple(fc.nat(), letter, fc.constantFrom('substitute', 'insert', 'delete')).map(([at, l, kind]) => {
		const i = at % (root.length + 1);
		return kind === 'substitute'
			? root.slice(0, i) + l + root.slice(i + 1)
			: kind === 'insert'
				? root.slice(0, i) + l + root.slice(i)
				: root.slice(0, i) + root.slice(i + 1);
	});
const family = fc
	.string({ unit: letter, minLength: 3, maxLength: 6 })
	.chain((root) =>
		fc.tuple(
			fc.constant(root),
			fc.array(edit(root), { maxLength: 25, size: 'medium' }),
			fc.array(
				fc.string({ unit: letter, minLength: 1, maxLength: 3 }).map((tail) => root + tail),
				{ maxLength: 25, size: 'medium' },
			),
		),
	)
	.map(([root, typos, extensions]) => [root, ...typos, ...extensions]);
const pool = fc
	.array(family, { minLength: 1, maxLength: 3 })
	.map((families) => [...new Set(families.flat())].filter((term) => term.length >= 2))
	.chain((terms) => fc.shuffledSubarray(terms, { minLength: terms.length }));
const skewed = (n: number) => fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.nat(n - 1)).map(([a, b, c]) => Math.min(a, b, c));
const corpus = pool.chain((words) => {
	const text = (max: number) =>
		fc.array(skewed(words.length), { minLength: 1, maxLength: max }).map((picks) => picks.map((i) => words[i]).join(' '));
	return fc.tuple(
		fc.constant(words),
		fc
			.array(fc.tuple(text(4), text(20)), { minLength: 1, maxLength: 40, size: 'medium' })
			.map((texts) => texts.map(([title, abstract], i) => paper(i, title, abstract))),
	);
});
// Words as typed: known terms, typos of them, stems of them, and strings that may mean nothing; all
// shorter than eight letters, which allow one edit (the model knows no other).
const typed = (words: readonly string[]) => {
	const short = words.filter((w) => w.length < 8);
	return fc
		.oneof(
			fc.constantFrom(...short),
			fc.constantFrom(...short).chain(edit),
			fc.constantFrom(...short).map((w) => w.slice(0, -1)),
			fc.string({ unit: letter, minLength: 1, maxLength: 7 }),
		)
		.filter((w) => w.length < 8);
};
const options = fc.record({ fuzzy: fc.boolean(), prefix: fc.boolean() });

describe('expandWord', () => {
	it('expands a word as a scan of the corpus would, however the index is laid out', () => {
		fc.assert(
			fc.property(
				corpus.chain(([words, papers]) =>
					fc.tuple(fc.constant(papers), fc.array(fc.tuple(typed(words), options), { minLength: 1, maxLength: 8 })),
				),
				([papers, queries]) => {
					const frequencies = documentFrequencies(papers);
					const indexes = layouts(papers);
					for (const [word, opts] of queries) {
						const model = modelExpansions(frequencies, word, opts);
						for (const [layout, index] of indexes) {
							const expanded = expandWord(index, word, opts);
							expect(expanded.word).toBe(word);
							const found = expanded.expansions.map(({ term, kind, factor, papers }) => ({ term, kind, factor, papers }));
							expect(found, `${layout} ${word} ${JSON.stringify(opts)}`).toEqual(model);
							for (const { termId, term } of expanded.expansions) {
								expect(index.vocabulary.term(termId)).toBe(term);
								expect(index.vocabulary.id(term)).toBe(termId);
							}
						}
					}
				},
			),
			{ numRuns: 60 },
		);
		// Three indexes a run: shrinking a failure takes a while, and should end in a counterexample, not a timeout.
	}, 120_000);

	// Papers where each word stands alone in `count` abstracts.
	const withCounts = (counts: Record<string, number>) =>
		layouts(
			Object.entries(counts).flatMap(([word, count], w) =>
				Array.from({ length: count }, (_, i) => paper(w * 1_000 + i, `t${w}x${i}`, word)),
			),
		);
	const summary = (index: PaperIndex, word: string, opts: ExpandOptions) =>
		expandWord(index, word, opts).expansions.map((e) => `${e.kind} ${e.term} ${e.factor} ${e.papers}`);
	const everything = { fuzzy: true, prefix: true };

	it('takes the common nearby word for a typo, and drops neighbours a tenth as common', () => {
		for (const [, index] of withCounts({ large: 30, lake: 2, lace: 3 })) {
			expect(summary(index, 'lage', { fuzzy: true, prefix: false })).toEqual(['fuzzy large 0.5 30', 'fuzzy lace 0.5 3']);
		}
	});

	it('puts the word as typed first, and worth more than its corrections, short ones least', () => {
		for (const [, index] of withCounts({ model: 5, models: 50, modal: 9, algorithm: 4, algorithms: 2 })) {
			expect(summary(index, 'model', { fuzzy: true, prefix: false })).toEqual([
				'exact model 1 5',
				'fuzzy models 0.7 50',
				'fuzzy modal 0.7 9',
			]);
			// From eight letters two edits are allowed, and the second costs more.
			expect(summary(index, 'algorthim', { fuzzy: true, prefix: false })).toEqual(['fuzzy algorithm 0.45 4']);
			expect(summary(index, 'algorithm', { fuzzy: true, prefix: false })).toEqual(['exact algorithm 1 4', 'fuzzy algorithms 0.7 2']);
		}
	});

	it('completes a prefix with the commonest terms it begins, once each, leaving out what the typo already found', () => {
		for (const [, index] of withCounts({ large: 30, largely: 3, larger: 8, lark: 1 })) {
			expect(summary(index, 'lar', { fuzzy: false, prefix: true })).toEqual([
				'prefix large 0.75 30',
				'prefix larger 0.75 8',
				'prefix largely 0.75 3',
				'prefix lark 0.75 1',
			]);
			// "larg" is one letter short of "large": a correction first, and not completed again ("lark" is
			// one edit away too, but thirty times rarer).
			expect(summary(index, 'larg', everything)).toEqual(['fuzzy large 0.5 30', 'prefix larger 0.75 8', 'prefix largely 0.75 3']);
			expect(summary(index, 'l', everything)).toEqual([]);
		}
	});

	it('scores at most twelve corrections and twelve completions, the most common, ties alphabetically', () => {
		const counts = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`net${String.fromCharCode(97 + i)}`, i < 10 ? 5 : 6]));
		for (const [, index] of withCounts(counts)) {
			const completions = expandWord(index, 'net', { fuzzy: false, prefix: true }).expansions.map((e) => e.term);
			expect(completions).toEqual([...'klmnopqrst', 'a', 'b'].map((letter) => `net${letter}`));
			const corrections = expandWord(index, 'neta', { fuzzy: true, prefix: false }).expansions;
			expect(corrections.map((e) => e.kind)).toEqual(['exact', ...Array<string>(12).fill('fuzzy')]);
			expect(corrections.slice(1).map((e) => e.term)).toEqual([...'klmnopqrst', 'b', 'c'].map((letter) => `net${letter}`));
		}
		// Thirteen completions, each rarer than the one before: the rarest is the one left out.
		const falling = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`net${String.fromCharCode(97 + i)}`, 13 - i]));
		for (const [, index] of withCounts(falling)) {
			const completions = expandWord(index, 'net', { fuzzy: false, prefix: true }).expansions;
			expect(completions.map((e) => `${e.term} ${e.papers}`)).toEqual(
				Array.from({ length: 12 }, (_, i) => `net${String.fromCharCode(97 + i)} ${13 - i}`),
			);
		}
	});

	it('expands nothing for a word the corpus lacks with neither option', () => {
		for (const [, index] of withCounts({ large: 3 })) {
			expect(expandWord(index, 'lage', { fuzzy: false, prefix: false })).toEqual({ word: 'lage', expansions: [] });
			expect(expandWord(index, 'large', { fuzzy: false, prefix: false }).expansions.map((e) => e.kind)).toEqual(['exact']);
		}
	});
});
