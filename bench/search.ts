/**
 * `npm run bench:search`: relevance and speed of Paperboy's search against FlexSearch, MiniSearch
 * and plain Fuse, on the same queries in the same run: on the seeds, then on the real arXiv
 * listings when ../shared/corpora/real is there, or else on 10k/100k papers generated from the seeds.
 */
import { cpus } from 'node:os';
import type { Paper } from '../src/papers/paper.ts';
import { buildSearchEngine } from '../src/search/build.ts';
import { flexSearch, miniSearch, plainFuse, type Baseline } from './baselines.ts';
import { ms, sample, timed, usedMemoryMb } from './measure.ts';
import { queryMix, steadyPercentiles, titlePrefixes } from './queries.ts';
import { evaluate, overall, type TestSet } from './relevance.ts';
import { benchCorpora, corpusPlan, type BenchCorpus } from './search-corpora.ts';
import { printReport, type CorpusFigures, type EngineFigures } from './search-report.ts';

interface Engine extends Baseline {
	readonly suggest?: (text: string) => unknown;
}

/**
 * How many queries of the mix each engine is timed on per corpus, so the whole bench stays
 * within minutes; a corpus missing from the map is not run (plain Fuse scans every abstract).
 * `perKind` caps the test-set queries of each kind it is scored on (MiniSearch's fuzzy and prefix
 * matching over 119k papers takes seconds on a long typo'd title; all 304 queries took over 20 minutes).
 */
const ENGINES: { make: (papers: readonly Paper[]) => Engine; queries: Record<string, number>; perKind?: Record<string, number> }[] = [
	{
		make: (papers) => {
			const engine = buildSearchEngine(papers);
			return {
				name: 'Paperboy',
				search: (query, limit) => engine.search(query, { limit }).results.map((r) => r.paper.id),
				suggest: (text) => engine.suggest(text),
			};
		},
		queries: { seeds: Infinity, '10k': Infinity, '100k': Infinity, arXiv: Infinity },
	},
	{ make: flexSearch, queries: { seeds: Infinity, '10k': Infinity, '100k': Infinity, arXiv: Infinity } },
	{ make: miniSearch, queries: { seeds: 400, '10k': 200, '100k': 30, arXiv: 40 }, perKind: { arXiv: 15 } },
	{ make: plainFuse, queries: { seeds: 400, '10k': 40, '100k': 5 } },
];

const log = (line = '') => console.log(line);

/** The first `count` queries of each kind: a smaller test set for an engine too slow for the whole one. */
function firstOfEachKind(testSet: TestSet, count: number): TestSet {
	const seen = new Map<string, number>();
	const queries = testSet.queries.filter((q) => {
		seen.set(q.kind, (seen.get(q.kind) ?? 0) + 1);
		return seen.get(q.kind)! <= count;
	});
	return { ...testSet, queries };
}

async function measure(corpus: BenchCorpus, mix: readonly string[], figures: EngineFigures[]): Promise<void> {
	for (const { make, queries, perKind } of ENGINES) {
		const count = queries[corpus.label];
		if (count === undefined) continue;
		const before = usedMemoryMb();
		const { value: engine, ms: buildMs } = await timed(() => make(corpus.papers));
		const memoryMb = usedMemoryMb() - before;
		const row: EngineFigures = { engine: engine.name, corpus: corpus.label, buildMs, memoryMb };
		const cap = perKind?.[corpus.label];
		if (corpus.testSet)
			row.scores = evaluate(engine.search, cap === undefined ? corpus.testSet.set : firstOfEachKind(corpus.testSet.set, cap));
		row.latency = steadyPercentiles((query) => engine.search(query, 10), sample(mix, count));
		if (engine.suggest) row.suggest = steadyPercentiles(engine.suggest, titlePrefixes(corpus.papers));
		figures.push(row);
		// Figures as they come, so a run stopped midway still tells something.
		const relevance = row.scores ? `, relevance ${overall(row.scores).toFixed(3)} overall` : '';
		log(
			`(${corpus.label}: ${engine.name} built in ${ms(buildMs / 1000)} s, ${memoryMb.toFixed(0)} MB, ms p50/p95 ${ms(row.latency.p50)} / ${ms(row.latency.p95)}${relevance})`,
		);
	}
}

async function main(): Promise<void> {
	const plan = corpusPlan();
	log(
		`# Paperboy search benchmark\n\n${new Date().toISOString()}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}\n`,
	);
	log(`Corpora: the seeds, then ${plan.description}.\n`);
	const corpora: CorpusFigures[] = [];
	const figures: EngineFigures[] = [];
	let seedsTestSet: TestSet | undefined;
	for await (const corpus of benchCorpora(plan.real)) {
		seedsTestSet ??= corpus.testSet?.set;
		const { papers, testSet, ...rest } = corpus;
		corpora.push({ ...rest, papers: papers.length, testSet: testSet && { name: testSet.name, queries: testSet.set.queries.length } });
		await measure(corpus, queryMix(papers, testSet?.set ?? seedsTestSet!), figures);
	}
	printReport(log, corpora, figures);
}

await main();
