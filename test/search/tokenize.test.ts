import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/papers/load-listings.js';
import { findWords, forEachWord, terms } from '../../src/search/tokenize.js';
import { SEEDS_DIR } from '../helpers.js';

/** What the general word walk finds of `wanted`: the reference findWords must agree with. */
function walked(text: string, wanted: ReadonlySet<string>): string[] {
	const found: string[] = [];
	forEachWord(text, (term, start, end) => wanted.has(term) && found.push(`${term}@${start}-${end}`));
	return found;
}

const found = (text: string, wanted: ReadonlySet<string>) => findWords(text, wanted).map(({ term, start, end }) => `${term}@${start}-${end}`);

describe('findWords', () => {
	it('finds whole words only, in text order, case-folded', () => {
		const text = 'Grokking, un-grokking and GROKKINGS: grokking2 grok grokking.';
		expect(found(text, new Set(['grokking', 'grok']))).toEqual(['grokking@0-8', 'grokking@13-21', 'grok@47-51', 'grokking@52-60']);
	});

	it('handles repeated and overlapping candidates', () => {
		expect(found('abab ab aab ab', new Set(['ab']))).toEqual(['ab@5-7', 'ab@12-14']);
	});

	it('folds accents and other scripts like the word walk', () => {
		const text = 'Café au lait, naïve Bayes; Über-Modelle und 模型 NAÏVE';
		const wanted = new Set(['cafe', 'naive', 'uber', '模型']);
		expect(found(text, wanted)).toEqual(walked(text, wanted));
		expect(found(text, wanted)).toHaveLength(5);
	});

	it('agrees with the word walk on every seed abstract', async () => {
		const papers = [...(await loadLibrary(SEEDS_DIR)).all()];
		for (const [i, paper] of papers.entries()) {
			// Each abstract asked for its own words, plus some from a neighbour that may be absent.
			const wanted = new Set([...terms(paper.abstract).filter((_, j) => j % 7 === 0), ...terms(papers[(i + 1) % papers.length]!.title)]);
			expect(found(paper.abstract, wanted)).toEqual(walked(paper.abstract, wanted));
		}
	});
});
