/**
 * `npm run bench`: relevance and speed of Paperboy's search against plain Fuse and MiniSearch,
 * on the seeds and on 10k/100k-paper corpora generated from them in the listings' own format.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { loadLibrary } from '../src/papers/load-listings.js';
import type { Paper } from '../src/papers/paper.js';
import { buildSearchEngine } from '../src/search/build.js';
import type { SearchEngine } from '../src/search/search-engine.js';
import { miniSearch, plainFuse, type Baseline } from './baselines.js';
import { writeSyntheticCorpus } from './corpus.js';
import { heapUsedMb, ms, percentiles, sample, timed, timeEach } from './measure.js';
import { evaluate, loadTestSet, overall, TARGETS, type Kind } from './relevance.js';

const SEEDS = new URL('../seeds/', import.meta.url).pathname;
const CORPORA = new URL('./.corpora/', import.meta.url).pathname;
const KINDS = Object.keys(TARGETS) as Kind[];
/** Queries each slow baseline gets per corpus size, so the whole bench stays within minutes. */
const BASELINE_QUERIES: Record<string, Record<string, number>> = {
	'plain Fuse': { seeds: 400, '10k': 40, '100k': 5 },
	MiniSearch: { seeds: 400, '10k': 200, '100k': 30 },
};

const testSet = loadTestSet();
const log = (line = '') => console.log(line);

function paperboySearch(engine: SearchEngine): Baseline {
	return { name: 'Paperboy', search: (query, limit) => engine.search(query, { limit }).results.map((r) => r.paper.id) };
}

/** A realistic mix: the test set's queries (long typo'd titles among them), exact titles, and half-typed titles. */
function queryMix(papers: readonly Paper[]): string[] {
	const titles = sample(papers, 60).map((paper) => paper.title);
	const typed = titles.slice(0, 30).map((title, i) => title.slice(0, 4 + ((i * 7) % 20)));
	return [...testSet.queries.map((q) => q.query), ...titles.slice(30), ...typed];
}

function titlePrefixes(papers: readonly Paper[]): string[] {
	return sample(papers, 300).map((paper, i) => paper.title.slice(0, 3 + ((i * 5) % 25)));
}

function latencyCell(search: Baseline['search'], queries: readonly string[]): string {
	// Steady state, as in a long-running bot: one untimed pass lets the JIT compile the hot paths.
	for (const query of queries) search(query, 10);
	const { p50, p95 } = percentiles(timeEach(queries, (query) => search(query, 10)));
	return `${ms(p50)} / ${ms(p95)} (${queries.length} q)`;
}

async function corpusPapers(size: number): Promise<{ papers: Paper[]; parseMs: number; files: number }> {
	const corpus = await writeSyntheticCorpus({ seedsDir: SEEDS, outDir: join(CORPORA, String(size)), papers: size });
	const { value: library, ms: parseMs } = await timed(() => loadLibrary(corpus.dir));
	if (library.warnings.length > 0) throw new Error(`the ${size} corpus parsed with warnings: ${library.warnings[0]!.message}`);
	return { papers: [...library.all()], parseMs, files: corpus.files };
}

async function main(): Promise<void> {
	log(`# Paperboy search benchmark\n\n${new Date().toISOString()}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}\n`);
	const seedPapers = [...(await loadLibrary(SEEDS)).all()];
	const latency = new Map<string, Map<string, string>>();
	const scale: string[] = [];
	const relevanceRows: string[] = [];

	for (const [label, size] of [['seeds', 0], ['10k', 10_000], ['100k', 100_000]] as const) {
		const heapBefore = heapUsedMb();
		const corpus = size === 0 ? { papers: seedPapers, parseMs: NaN, files: 5 } : await corpusPapers(size);
		const { value: engine, ms: buildMs } = await timed(() => buildSearchEngine(corpus.papers));
		const heap = heapUsedMb() - heapBefore;
		const ours = paperboySearch(engine);
		const mix = queryMix(corpus.papers);
		const prefixes = titlePrefixes(corpus.papers);
		prefixes.forEach((prefix) => engine.suggest(prefix));
		const suggest = percentiles(timeEach(prefixes, (prefix) => engine.suggest(prefix)));
		scale.push(
			`| ${label} | ${corpus.papers.length} | ${corpus.files} | ${Number.isNaN(corpus.parseMs) ? '–' : ms(corpus.parseMs / 1000)} s | ${ms(buildMs / 1000)} s | ${heap.toFixed(0)} MB | ${ms(suggest.p50)} / ${ms(suggest.p95)} |`,
		);
		(latency.get('Paperboy') ?? latency.set('Paperboy', new Map()).get('Paperboy')!).set(label, latencyCell(ours.search, mix));
		if (size === 0) relevanceRows.push(relevanceRow(ours));
		for (const make of [plainFuse, miniSearch]) {
			const { value: baseline, ms: baselineBuild } = await timed(() => make(corpus.papers));
			const queries = sample(mix, BASELINE_QUERIES[baseline.name]![label]!);
			const cell = `${latencyCell(baseline.search, queries)}, build ${ms(baselineBuild / 1000)} s`;
			(latency.get(baseline.name) ?? latency.set(baseline.name, new Map()).get(baseline.name)!).set(label, cell);
			if (size === 0) relevanceRows.push(relevanceRow(baseline));
		}
		log(`(${label} done)`);
	}

	log(`\n## Relevance on the test set (${testSet.queries.length} queries from the seeds)\n`);
	log(`| engine | ${KINDS.map((kind) => `${kind} ${TARGETS[kind].metric} (≥ ${TARGETS[kind].target})`).join(' | ')} | overall |`);
	log(`|---|${KINDS.map(() => '---').join('|')}|---|`);
	relevanceRows.forEach((row) => log(row));
	log('\n## Query latency, ms p50 / p95 (mix: test-set queries incl. long typo\'d titles, exact titles, half-typed titles)\n');
	log('| engine | seeds (675) | 10k | 100k |\n|---|---|---|---|');
	for (const [name, cells] of latency) log(`| ${name} | ${['seeds', '10k', '100k'].map((label) => cells.get(label) ?? '–').join(' | ')} |`);
	log('\n## Paperboy at scale\n');
	log('| corpus | papers | listing files | parse listings | build index | heap (library + index) | autocomplete ms p50 / p95 |');
	log('|---|---|---|---|---|---|---|');
	scale.forEach((row) => log(row));
}

function relevanceRow(engine: Baseline): string {
	const scores = evaluate(engine.search, testSet);
	const cells = KINDS.map((kind) => scores.find((s) => s.kind === kind)?.score.toFixed(3) ?? '–');
	return `| ${engine.name} | ${cells.join(' | ')} | ${overall(scores).toFixed(3)} |`;
}

await main();
