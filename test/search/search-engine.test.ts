import { beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/papers/load-listings.ts';
import { paperIdFor } from '../../src/papers/normalize.ts';
import { buildSearchEngine } from '../../src/search/build.ts';
import type { SearchEngine } from '../../src/search/search-engine.ts';
import { abstractAbout, SEEDS_DIR } from '../helpers.ts';

let engine: SearchEngine;
beforeAll(async () => {
	engine = buildSearchEngine((await loadLibrary(SEEDS_DIR)).all());
});

const titles = (query: string, limit = 5) => engine.search(query, { limit }).results.map((r) => r.paper.title);

describe('SearchEngine on the seeds', () => {
	it('finds a title with typos, lower-cased', () => {
		expect(titles('eliminating catastrophic overfiting via abnormal adversarail examples')[0]).toBe(
			'Eliminating Catastrophic Overfitting Via Abnormal Adversarial Examples Regularization',
		);
	});

	it('finds system names and terms that only an abstract mentions', () => {
		expect(titles('OwLore')[0]).toMatch(/^OwLore:/);
		expect(titles('curatorn')[0]).toMatch(/^CURATRON:/);
		expect(titles('Datacomp', 3)).toContain('Scaling Laws for Data Filtering -- Data Curation cannot be Compute Agnostic');
	});

	it('requires quoted phrases and honours exclusions', () => {
		const phrase = engine.search('"preference optimization"', { limit: 20 }).results;
		expect(phrase.length).toBeGreaterThan(3);
		for (const { paper } of phrase) expect(`${paper.title} ${paper.abstract}`).toMatch(/preference optimization/i);

		const withSurveys = engine.search('continual learning', { limit: 100 }).results;
		expect(withSurveys.some(({ paper }) => /\bsurveys?\b/i.test(paper.title + paper.abstract))).toBe(true);
		const noSurveys = engine.search('continual learning -survey', { limit: 100 }).results;
		expect(noSurveys.length).toBeGreaterThan(5);
		for (const { paper } of noSurveys) expect(`${paper.title} ${paper.abstract}`).not.toMatch(/\bsurveys?\b/i);

		for (const { paper } of engine.search('language models -"large language"', { limit: 50 }).results) {
			expect(`${paper.title} ${paper.abstract}`).not.toMatch(/large language/i);
		}
	});

	it('returns a page of the ranked results, counting them all', () => {
		const all = engine.search('test-time adaptation', { limit: 12 });
		const second = engine.search('test-time adaptation', { limit: 12, page: { index: 1, size: 5 } });
		expect(all.total).toBe(12);
		expect(second.total).toBe(12);
		expect(second.results.map((r) => r.paper.id)).toEqual(all.results.slice(5, 10).map((r) => r.paper.id));
		expect(engine.search('test-time adaptation', { limit: 12, page: { index: 2, size: 5 } }).results).toHaveLength(2);
		expect(engine.search('test-time adaptation', { limit: 12, page: { index: 3, size: 5 } }).results).toHaveLength(0);
	});

	it('says which words matched where, with a snippet highlighting them', () => {
		const [top] = engine.search('grokking numerical stability').results;
		expect(top!.paper.title).toBe('Grokking at the Edge of Numerical Stability');
		expect(top!.matches).toContainEqual({ word: 'grokking', matched: 'Grokking', field: 'title', kind: 'exact' });
		const { text, highlights } = top!.snippet;
		expect(highlights.length).toBeGreaterThan(0);
		for (const [start, end] of highlights) expect(text.slice(start, end).toLowerCase()).toMatch(/^(grokking|numerical|stability)$/);

		const [typo] = engine.search('grokkign').results;
		expect(typo!.matches).toContainEqual(expect.objectContaining({ word: 'grokkign', kind: 'fuzzy' }));
	});

	it('answers absurd queries without failing', () => {
		for (const query of ['', '   ', '!!!???', '-survey', 'a'.repeat(10_000), 'x '.repeat(5_000), '.*(a+)+$', '\u0000\u0001', '@everyone']) {
			const response = engine.search(query);
			expect(response.results.length).toBeLessThanOrEqual(10);
		}
		expect(engine.search('-survey').results).toEqual([]);
	});

	it('suggests titles as they are typed', () => {
		expect(engine.suggest('Grokking at the Ed')[0]?.title).toBe('Grokking at the Edge of Numerical Stability');
		expect(engine.suggest('continual lear').length).toBe(25);
		expect(engine.suggest('seerat')[0]?.title).toMatch(/^SeerAttention/);
		expect(engine.suggest('')).toEqual([]);
	});
});

describe('SearchEngine with papers arriving', () => {
	it('indexes a new paper, and re-indexes a changed one without duplicates', async () => {
		const local = buildSearchEngine((await loadLibrary(SEEDS_DIR)).all());
		const title = 'Zyxomorphic Networks for Quokka Detection';
		local.index.add({ id: paperIdFor(title), title, abstract: abstractAbout('quokkas'), listings: [{ file: 'new.txt' }] });
		expect(local.search('zyxomorphic').results.map((r) => r.paper.title)).toEqual([title]);
		local.index.add({
			id: paperIdFor(title),
			title,
			abstract: `${abstractAbout('quokkas')} Wallabies too.`,
			listings: [{ file: 'new.txt' }],
		});
		const results = local.search('zyxomorphic quokka').results;
		expect(results.map((r) => r.paper.abstract)).toEqual([`${abstractAbout('quokkas')} Wallabies too.`]);
		expect(local.index.size).toBe(676);
	});
});
