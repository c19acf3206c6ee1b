import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/random.ts';
import { loadLibrary } from '../../src/papers/load-listings.ts';
import type { Paper } from '../../src/papers/paper.ts';
import { buildSearchEngine } from '../../src/search/build.ts';
import type { SearchEngine } from '../../src/search/search-engine.ts';
import { SEEDS_DIR } from '../helpers.ts';

const seeds = [...(await loadLibrary(SEEDS_DIR)).all()];
const ranked = (engine: SearchEngine, query: string) => engine.search(query, { limit: 10 }).results.map((r) => `${r.paper.id} ${r.score}`);
const suggested = (engine: SearchEngine, text: string) => engine.suggest(text, 10).map((paper) => paper.id);

/** Queries of every shape, made from the papers themselves. */
function queries(papers: readonly Paper[], random: () => number): string[] {
	const pick = () => papers[Math.floor(random() * papers.length)]!;
	const words = () =>
		pick()
			.abstract.split(/\s+/)
			.filter((word) => word.length > 3);
	return Array.from({ length: 40 }, (_, i) => {
		const title = pick().title;
		const word = words()[Math.floor(random() * 20)] ?? 'learning';
		return [title, title.slice(0, 5 + (i % 15)), word, `"${word}" -survey`, `${word.slice(0, -1)}x ${words()[3] ?? ''}`][i % 5]!;
	});
}

describe('PaperIndex: a segment with papers added on top', () => {
	// The naive model is one segment built from every paper: however the same papers are split
	// between the segment and later additions, search must not be able to tell.
	it.each([1, 2, 3, 4, 5])('answers as one segment of all the papers would (split %i)', (seed) => {
		const random = mulberry32(seed);
		const papers = [...seeds].sort(() => random() - 0.5).slice(0, 300);
		const split = Math.floor(random() * papers.length);
		const layered = buildSearchEngine(papers.slice(0, split));
		for (const paper of papers.slice(split)) layered.index.add(paper);
		const whole = buildSearchEngine(papers);
		expect(layered.index.size).toBe(papers.length);
		expect([...layered.index.ids()]).toEqual(papers.map((paper) => paper.id));
		for (const query of queries(papers, random)) {
			expect(ranked(layered, query), query).toEqual(ranked(whole, query));
			expect(suggested(layered, query), query).toEqual(suggested(whole, query));
		}
		for (const paper of papers) expect(layered.paper(paper.id)).toEqual(paper);
	});

	it('re-indexes a segment paper whose text changes, and keeps one whose listings change in place', () => {
		const [first, second] = seeds as [Paper, Paper];
		const engine = buildSearchEngine([first, second]);
		const [merged] = engine.index.merge([{ title: first.title, abstract: first.abstract, listings: [{ file: 'later.txt' }] }]);
		expect(merged!.listings.map((ref) => ref.file)).toEqual([...first.listings.map((ref) => ref.file), 'later.txt']);
		expect(engine.index.docOf(first.id)).toBe(0);
		expect(engine.paper(first.id)?.listings).toEqual(merged!.listings);
		engine.index.merge([
			{ title: second.title, abstract: `${second.abstract} A longer abstract mentions zygomorphic flowers.`, listings: [] },
		]);
		expect(engine.index.docOf(second.id)).toBe(2);
		expect(engine.index.size).toBe(2);
		expect(engine.search('zygomorphic').results.map((r) => r.paper.id)).toEqual([second.id]);
		expect([...engine.index.ids()]).toEqual([first.id, second.id]);
	});
});
