import { beforeAll, describe, expect, it } from 'vitest';
import { ARXIV_DAILY, loadRealLibrary, realCorpusAvailable } from '../../bench/real-corpus.ts';
import { evaluate, loadTestSet, TARGETS, type Kind, type KindScore, type TestQuery } from '../../bench/relevance.ts';
import { buildSearchEngine } from '../../src/search/build.ts';
import type { SearchEngine } from '../../src/search/search-engine.ts';

// The real test set (npm run testset:real) comes from the 119k arXiv papers of the shared corpus,
// which lives outside the repository: without it there is nothing to measure, so the suite skips.
const available = realCorpusAvailable();
if (!available) console.warn(`relevance on the real test set skipped: no real corpus at ${ARXIV_DAILY}`);
/** Loading and indexing 119k papers takes most of a minute, longer on a busy machine. */
const LOAD_TIMEOUT = 240_000;

const testSet = loadTestSet('real');
const kinds = Object.keys(TARGETS) as Kind[];
let engine: SearchEngine;
let scores: KindScore[];

const top = (query: string) => engine.search(query, { limit: 1 }).results[0]?.paper.title ?? '(nothing)';

/** Each kind's score against its target, and a few misses with what came first instead. */
function report(): string {
	const lines = scores.map(({ kind, score, queries, misses }) => {
		const { metric, target } = TARGETS[kind];
		const verdict = score >= target ? 'ok' : 'BELOW TARGET';
		const examples = misses.slice(0, 4).map((query) => {
			const q = testSet.queries.find((t) => t.query === query && t.kind === kind) as TestQuery;
			return 'title' in q ? `\n    ${JSON.stringify(query)} wants "${q.title}", first: "${top(query)}"` : `\n    ${JSON.stringify(query)}`;
		});
		return `  ${kind} ${metric} ${score.toFixed(3)} (target ${target}, ${queries} queries, ${misses.length} missed) ${verdict}${examples.join('')}`;
	});
	return `relevance on the real arXiv test set:\n${lines.join('\n')}`;
}

describe.skipIf(!available)('search relevance on the real arXiv test set', () => {
	beforeAll(async () => {
		const { library } = await loadRealLibrary();
		engine = buildSearchEngine(library.all());
		scores = evaluate((query, limit) => engine.search(query, { limit }).results.map((r) => r.paper.id), testSet);
		console.log(report());
	}, LOAD_TIMEOUT);

	it('was made from this corpus and has 40-60 queries of every kind', () => {
		expect(testSet.papers).toBe(engine.index.size);
		for (const kind of kinds) expect(testSet.queries.filter((q) => q.kind === kind).length, kind).toBeGreaterThanOrEqual(40);
		for (const kind of kinds) expect(testSet.queries.filter((q) => q.kind === kind).length, kind).toBeLessThanOrEqual(60);
	});

	it.each(kinds)('%s reaches its target', (kind) => {
		const { score, misses } = scores.find((s) => s.kind === kind)!;
		expect(score, `missed: ${misses.join(' | ')}`).toBeGreaterThanOrEqual(TARGETS[kind].target);
	});
});
