import { readFileSync } from 'node:fs';

/** A query of a committed relevance test set: one paper to find, or a topic's relevant papers. */
export type TestQuery =
	{ kind: KnownKind; query: string; expect: string; title: string } | { kind: 'topic'; query: string; relevant: string[] };
export type KnownKind = 'typo-title' | 'title-run' | 'acronym' | 'abstract-term' | 'exact-title';

export interface TestSet {
	readonly papers: number;
	readonly queries: readonly TestQuery[];
}

/** The seeds set (`npm run testset`) and the real arXiv set (`npm run testset:real`). */
export const TEST_SETS = { seeds: 'search-testset.json', real: 'real-testset.json' } as const;

export function loadTestSet(name: keyof typeof TEST_SETS = 'seeds'): TestSet {
	return JSON.parse(readFileSync(new URL(`../test/fixtures/${TEST_SETS[name]}`, import.meta.url), 'utf8')) as TestSet;
}

/** Anything that answers a query with ranked paper ids. */
export type RankedSearch = (query: string, limit: number) => readonly string[];

export type Kind = TestQuery['kind'];

/** What each kind must achieve, as the issue states it. */
export const TARGETS: Record<Kind, { metric: string; target: number }> = {
	'typo-title': { metric: 'hit@1', target: 0.99 },
	'title-run': { metric: 'hit@1', target: 0.99 },
	acronym: { metric: 'hit@1', target: 0.99 },
	'exact-title': { metric: 'hit@1', target: 0.99 },
	'abstract-term': { metric: 'hit@3', target: 0.98 },
	topic: { metric: 'precision@5', target: 0.95 },
};

export interface KindScore {
	readonly kind: Kind;
	readonly queries: number;
	readonly score: number;
	readonly misses: readonly string[];
}

function scoreQuery(query: TestQuery, ranked: readonly string[]): number {
	switch (query.kind) {
		case 'topic': {
			const relevant = new Set(query.relevant);
			return ranked.slice(0, 5).filter((id) => relevant.has(id)).length / 5;
		}
		case 'abstract-term':
			return ranked.slice(0, 3).includes(query.expect) ? 1 : 0;
		default:
			return ranked[0] === query.expect ? 1 : 0;
	}
}

/** Scores a search function on every query of the test set, per kind. */
export function evaluate(search: RankedSearch, testSet: TestSet): KindScore[] {
	const byKind = new Map<Kind, { total: number; count: number; misses: string[] }>();
	for (const query of testSet.queries) {
		const score = scoreQuery(query, search(query.query, 5));
		const entry = byKind.get(query.kind) ?? { total: 0, count: 0, misses: [] };
		entry.total += score;
		entry.count++;
		if (score < 1) entry.misses.push(query.query);
		byKind.set(query.kind, entry);
	}
	return [...byKind].map(([kind, { total, count, misses }]) => ({ kind, queries: count, score: total / count, misses }));
}

/** The share of all queries answered right, counting a topic by its precision. */
export function overall(scores: readonly KindScore[]): number {
	const queries = scores.reduce((sum, s) => sum + s.queries, 0);
	return scores.reduce((sum, s) => sum + s.score * s.queries, 0) / queries;
}
