import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/papers/load-listings.ts';
import { findWords, forEachWord, terms } from '../../src/search/tokenize.ts';
import { SEEDS_DIR } from '../helpers.ts';

/** What the general word walk finds of `wanted`: the reference findWords must agree with. */
function walked(text: string, wanted: ReadonlySet<string>): string[] {
	const found: string[] = [];
	forEachWord(text, (term, start, end) => wanted.has(term) && found.push(`${term}@${start}-${end}`));
	return found;
}

const found = (text: string, wanted: ReadonlySet<string>) =>
	findWords(text, wanted).map(({ term, start, end }) => `${term}@${start}-${end}`);

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

describe('terms', () => {
	const walkedTerms = (text: string) => {
		const all: string[] = [];
		forEachWord(text, (term) => all.push(term));
		return all;
	};

	it('finds what the word walk finds, on every seed title and abstract', async () => {
		for (const paper of (await loadLibrary(SEEDS_DIR)).all()) {
			expect(terms(paper.title)).toEqual(walkedTerms(paper.title));
			expect(terms(paper.abstract)).toEqual(walkedTerms(paper.abstract));
		}
	});

	it('finds what the word walk finds, on random text of every kind of character', () => {
		const alphabet = 'aZ9 -_.,;:/\\\'"()[]{}$^`~\t\n\u0000\u007féÉ模ß\u0301Ω';
		let seed = 7;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		for (let i = 0; i < 2000; i++) {
			const ascii = i % 2 === 0;
			const chars = ascii ? alphabet.slice(0, 26) : alphabet;
			const text = Array.from({ length: Math.floor(random() * 40) }, () => chars[Math.floor(random() * chars.length)]).join('');
			expect(terms(text), JSON.stringify(text)).toEqual(walkedTerms(text));
		}
	});
});
