import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/papers/load-listings.ts';
import { buildSearchEngine } from '../../src/search/build.ts';
import { openIndex, type OpenedIndex } from '../../src/search/open-index.ts';
import { SearchPool } from '../../src/search/search-pool.ts';
import type { SearchEngine } from '../../src/search/search-engine.ts';
import { SEEDS_DIR } from '../helpers.ts';

let pool: Awaited<ReturnType<typeof SearchPool.start>>;
let engine: SearchEngine;
let seeds: OpenedIndex;
/** The seeds' index as the bot opens it (no snapshot folder: built every time). */
const startPool = (size: number, onFailure?: (error: Error) => void) => SearchPool.start(seeds, size, onFailure);
beforeAll(async () => {
	seeds = await openIndex({ papersDir: SEEDS_DIR, indexDir: undefined });
	pool = await startPool(2);
	engine = buildSearchEngine((await loadLibrary(SEEDS_DIR)).all());
});
afterAll(async () => {
	await pool.search.close();
});

describe('SearchPool (search in worker threads)', () => {
	it('answers as the in-process engine does, explanations included', async () => {
		const queries = ['grokking', 'eliminating catastrophic overfiting', '"preference optimization" -survey', 'OwLore', ''];
		const answers = await Promise.all(queries.map((query) => pool.search.search(query, { limit: 10 })));
		answers.forEach((answer, i) => {
			const local = engine.search(queries[i]!, { limit: 10 });
			expect(answer.results.map((r) => [r.paper.id, r.score])).toEqual(local.results.map((r) => [r.paper.id, r.score]));
			expect(answer.results.map((r) => r.snippet)).toEqual(local.results.map((r) => r.snippet));
			expect(answer.query.notes).toEqual(local.query.notes);
		});
	});

	it('answers similar papers as the in-process engine does, as a request of its own', async () => {
		const [grokking] = engine.search('grokking numerical stability').results;
		const answer = await pool.search.similar(grokking!.paper.id, 3);
		expect(answer?.results.map((r) => [r.paper.id, r.score, r.shared])).toEqual(
			engine.similar(grokking!.paper.id, 3)!.results.map((r) => [r.paper.id, r.score, r.shared]),
		);
		expect(answer?.results).toHaveLength(3);
		expect(await pool.search.similar('no-such-id')).toBeUndefined();
	});

	it('reports what it loaded and finds papers by id and by prefix', async () => {
		expect(pool.papers).toBe(675);
		expect(seeds.warnings).toEqual([]);
		expect(await pool.search.stats()).toEqual({ papers: 675, listings: 5 });
		const [suggested] = await pool.search.suggest('seerat');
		expect(suggested?.title).toMatch(/^SeerAttention/);
		expect((await pool.search.paper(suggested!.id))?.title).toBe(suggested!.title);
		expect(await pool.search.paper('no-such-id')).toBeUndefined();
	});

	it('replaces a search thread that stops, answering meanwhile from the others', async () => {
		const failures: Error[] = [];
		const { search } = await startPool(2, (error) => failures.push(error));
		try {
			const threads = search['threads'];
			const first = threads[0]!;
			await first.close();
			expect((await search.search('grokking')).results.length).toBeGreaterThan(0);
			await expect.poll(() => threads[0] !== first, { timeout: 10_000 }).toBe(true);
			expect(failures.map((error) => error.message)).toEqual(['the search thread was closed']);
			expect((await threads[0]!.search('OwLore')).results[0]?.paper.title).toMatch(/^OwLore/);
		} finally {
			await search.close();
		}
	});

	it('takes in a listing of 150,000 papers at once (no spread of them into one call)', async () => {
		const { search } = await startPool(1);
		try {
			const drafts = Array.from({ length: 150_000 }, (_, i) => ({
				title: `Bulk Paper Number ${i}`,
				abstract: `Abstract of bulk paper ${i}.`,
				listings: [{ file: 'bulk.txt' }],
			}));
			expect(await search.add(drafts)).toHaveLength(150_000);
			expect(search.added).toHaveLength(150_000);
			expect((await search.search('bulk paper number 149999', { completeLastWord: false })).results[0]?.paper.title).toBe(
				'Bulk Paper Number 149999',
			);
			expect(await search.stats()).toEqual({ papers: 675 + 150_000, listings: 6 });
		} finally {
			await search.close();
		}
	}, 60_000);

	it('fails to start on a missing folder, and refuses work once closed', async () => {
		await expect(openIndex({ papersDir: '/nonexistent/papers', indexDir: undefined })).rejects.toThrow(/ENOENT/);
		const closing = await startPool(1);
		await closing.search.close();
		await expect(closing.search.search('grokking')).rejects.toThrow(/search thread was closed/);
	});
});
