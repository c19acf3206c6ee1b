import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, loadTestSet, TARGETS, type KindScore } from '../../bench/relevance.ts';
import { loadLibrary } from '../../src/papers/load-listings.ts';
import { buildSearchEngine } from '../../src/search/build.ts';
import { SEEDS_DIR } from '../helpers.ts';

// The committed test set (npm run testset) holds queries made from the seeds: typo'd titles,
// title runs, acronyms, abstract-only terms, exact titles and topics; each kind has the target.
const testSet = loadTestSet();
let scores: KindScore[];

beforeAll(async () => {
	const engine = buildSearchEngine((await loadLibrary(SEEDS_DIR)).all());
	scores = evaluate((query, limit) => engine.search(query, { limit }).results.map((r) => r.paper.id), testSet);
});

describe('search relevance on the seeds test set', () => {
	it('has at least 150 queries covering every kind', () => {
		expect(testSet.queries.length).toBeGreaterThanOrEqual(150);
		expect(new Set(testSet.queries.map((q) => q.kind))).toEqual(new Set(Object.keys(TARGETS)));
	});

	it.each(Object.entries(TARGETS))('%s reaches its target', (kind, { target }) => {
		const { score, misses } = scores.find((s) => s.kind === kind)!;
		expect(score, `missed: ${misses.join(' | ')}`).toBeGreaterThanOrEqual(target);
	});
});
