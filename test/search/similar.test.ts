import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/papers/load-listings.ts';
import { paperIdFor } from '../../src/papers/normalize.ts';
import type { Paper } from '../../src/papers/paper.ts';
import { buildSearchEngine } from '../../src/search/build.ts';
import type { SearchEngine } from '../../src/search/search-engine.ts';
import { SEEDS_DIR } from '../helpers.ts';

const paper = (title: string, abstract: string): Paper => ({ id: paperIdFor(title), title, abstract, listings: [{ file: 'test.txt' }] });

describe('similar papers on the seeds', () => {
	let engine: SearchEngine;
	let grokking: Paper;
	beforeAll(async () => {
		const seeds = [...(await loadLibrary(SEEDS_DIR)).all()];
		grokking = seeds.find((p) => p.title === 'Grokking at the Edge of Numerical Stability')!;
		// The same abstract listed again under a reworded title is the same paper, not a similar one.
		engine = buildSearchEngine([...seeds, paper(`${grokking.title}, revised`, grokking.abstract)]);
	});

	it('finds the papers on the same topic, not the paper itself nor its duplicate, and says what they share', () => {
		const response = engine.similar(grokking.id)!;
		expect(response.paper.id).toBe(grokking.id);
		expect(response.results).toHaveLength(5);
		const titles = response.results.map((r) => r.paper.title);
		expect(titles.filter((title) => /grok/i.test(title)).length).toBeGreaterThanOrEqual(3);
		expect(titles.some((title) => title.startsWith(grokking.title))).toBe(false);
		expect(response.results[0]!.shared[0]).toBe('grokking');
		const scores = response.results.map((r) => r.score);
		expect(scores).toEqual([...scores].sort((a, b) => b - a));
		for (const score of scores) expect(score).toBeGreaterThan(0);
	});

	it('joins shared terms into the phrases both papers use, written as the paper writes them', () => {
		const dpo = engine.search('direct preference optimization').results[0]!.paper;
		const shared = engine.similar(dpo.id)!.results.flatMap((r) => r.shared);
		expect(shared).toContain('direct preference optimization');
		expect(shared).toContain('DPO');
		expect(shared).not.toContain('dpo');
	});

	it('finds and measures papers added after the index was built, as one built with them does', async () => {
		const seeds = [...(await loadLibrary(SEEDS_DIR)).all()];
		const late = seeds.find((p) => p.title.startsWith('Benign Overfitting and Grokking'))!;
		const growing = buildSearchEngine(seeds.filter((p) => p !== late));
		expect(growing.similar(grokking.id)!.results.map((r) => r.paper.id)).not.toContain(late.id);
		growing.index.add(late);
		const whole = buildSearchEngine(seeds);
		const ids = (e: SearchEngine, id: string) => e.similar(id)!.results.map((r) => r.paper.id);
		expect(ids(growing, grokking.id)).toContain(late.id);
		expect(ids(growing, late.id)).toEqual(ids(whole, late.id));
	});

	it('returns as many as asked, and nothing for a paper the library lacks', () => {
		expect(engine.similar(grokking.id, 2)!.results).toHaveLength(2);
		expect(engine.similar('0000000000000000')).toBeUndefined();
	});
});

/** The model: exhaustive TF-IDF cosine over every paper, with search's idf, as the reference of the bench is. */
function exhaustive(papers: readonly Paper[], source: Paper, limit: number): number[] {
	const words = (p: Paper) => `${p.title} ${p.abstract}`.split(' ').filter(Boolean);
	const df = new Map<string, number>();
	for (const p of papers) for (const word of new Set(words(p))) df.set(word, (df.get(word) ?? 0) + 1);
	const idf = (word: string) => Math.log(1 + (papers.length - df.get(word)! + 0.5) / (df.get(word)! + 0.5));
	const vector = (p: Paper) => {
		const v = new Map<string, number>();
		for (const word of words(p)) v.set(word, (v.get(word) ?? 0) + idf(word));
		return v;
	};
	const norm = (v: Map<string, number>) => Math.sqrt([...v.values()].reduce((sum, w) => sum + w * w, 0));
	const s = vector(source);
	const scores = papers
		.filter((p) => p.id !== source.id && p.abstract !== source.abstract)
		.map((p) => {
			const v = vector(p);
			let dot = 0;
			for (const [word, w] of s) dot += w * (v.get(word) ?? 0);
			return dot / (norm(s) * norm(v));
		})
		.filter((score) => score > 0 && score < 0.9999);
	return scores.sort((a, b) => b - a).slice(0, limit);
}

describe('similar papers against exhaustive cosine', () => {
	it('ranks a small library exactly as exhaustive TF-IDF cosine does', () => {
		const word = fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'omega', 'kappa', 'sigma', 'theta', 'zeta', 'lambda', 'mu', 'rho');
		const text = (max: number) => fc.array(word, { minLength: 1, maxLength: max }).map((w) => w.join(' '));
		const library = fc.uniqueArray(fc.tuple(text(4), text(12)), { minLength: 2, maxLength: 30, selector: ([title]) => title });
		fc.assert(
			fc.property(library, fc.nat(), (entries, pick) => {
				const papers = entries.map(([title, abstract], i) => paper(`${title} ${i}`, abstract));
				const source = papers[pick % papers.length]!;
				const found = buildSearchEngine(papers)
					.similar(source.id)!
					.results.map((r) => r.score);
				const expected = exhaustive(papers, source, 5).map((score) => Math.round(score * 1000) / 1000);
				expect(found).toEqual(expected);
			}),
			{ numRuns: 150 },
		);
	});
});
