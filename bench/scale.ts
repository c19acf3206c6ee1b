/**
 * `npm run bench:scale`: Paperboy on a million papers made from the real arXiv ones (see
 * scale-corpus.ts): loading, indexing, memory, searching, and taking in new papers while up.
 * Only the engine's public surface is used, as its internals are being reworked.
 */
import { cpus } from 'node:os';
import { loadLibrary } from '../src/papers/load-listings.ts';
import { paperIdFor, titleKey } from '../src/papers/normalize.ts';
import type { Paper } from '../src/papers/paper.ts';
import { buildSearchEngine } from '../src/search/build.ts';
import { materialOf } from './corpus.ts';
import { usedMemoryMb, ms, percentiles, sample, timed, timeEach } from './measure.ts';
import { queryMix, steadyPercentiles, titlePrefixes } from './queries.ts';
import { mulberry32 } from './random.ts';
import { ARXIV_DAILY, realCorpusAvailable } from './real-corpus.ts';
import { loadTestSet } from './relevance.ts';
import { recombinedPapers, writeScaleCorpus } from './scale-corpus.ts';

const PAPERS = Number(process.env.SCALE_PAPERS ?? 1_000_000);
const NEW_PAPERS = 1_000;
const OUT = new URL(`./.corpora/scale-${PAPERS}/`, import.meta.url).pathname;
const log = (line = '') => console.log(line);
/** Rows go out as they are measured: the whole run takes many minutes. */
const row = (what: string, value: string) => log(`| ${what} | ${value} |`);
const seconds = (value: number) => `${ms(value / 1000)} s`;
const memory = () =>
	`memory ${usedMemoryMb().toFixed(0)} MB (JS heap + typed arrays), RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`;

/** Papers nobody has seen, made like the corpus's own, with titles none of its papers has. */
function newPapers(papers: readonly Paper[]): Paper[] {
	const taken = new Set(papers.map((p) => titleKey(p.title)));
	const material = materialOf(sample(papers, 20_000).map(({ title, abstract }) => ({ title, abstract })));
	const made = recombinedPapers(mulberry32(PAPERS + 1), material, taken);
	return Array.from({ length: NEW_PAPERS }, () => {
		const { title, abstract } = made.next().value;
		return { id: paperIdFor(title), title, abstract, listings: [{ file: 'new-papers.txt', date: '2030-01-01' }] };
	});
}

async function main(): Promise<void> {
	log(
		`# Paperboy at scale: ${PAPERS.toLocaleString('en-US')} papers\n\n${new Date().toISOString()}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}\n`,
	);
	if (!realCorpusAvailable()) {
		log(`No real corpus at ${ARXIV_DAILY}: the scale corpus is made from the real papers, so there is nothing to measure.`);
		return;
	}
	const { value: corpus, ms: generateMs } = await timed(() => writeScaleCorpus({ outDir: OUT, papers: PAPERS }));
	log(
		`Corpus: ${corpus.papers.toLocaleString('en-US')} papers in ${corpus.files} listing files (${(corpus.bytes / 2 ** 30).toFixed(2)} GiB) in ${corpus.dir}, ` +
			`the real arXiv papers verbatim and the rest recombined from them (${generateMs > 5_000 ? `generated in ${seconds(generateMs)}` : 'reused'}).\n`,
	);

	log('| measure | figure |\n|---|---|');
	const { value: library, ms: loadMs } = await timed(() => loadLibrary(corpus.dir));
	row(
		'load and parse the listings',
		`${seconds(loadMs)}, ${library.size.toLocaleString('en-US')} papers, ${library.warnings.length} warnings; ${memory()}`,
	);
	const papers = [...library.all()];
	const { value: engine, ms: buildMs } = await timed(() => buildSearchEngine(papers));
	row('build the index', `${seconds(buildMs)}, ${engine.index.size.toLocaleString('en-US')} papers indexed; ${memory()} (library + index)`);

	const mix = queryMix(papers, loadTestSet('real'));
	const search = steadyPercentiles((query) => engine.search(query, { limit: 10 }), mix);
	row(`search, ms p50 / p95 (${search.n} q: real test-set queries, exact and half-typed titles)`, `${ms(search.p50)} / ${ms(search.p95)}`);
	const suggest = steadyPercentiles((text) => engine.suggest(text), titlePrefixes(papers));
	row(`autocomplete (suggest), ms p50 / p95 (${suggest.n} title prefixes)`, `${ms(suggest.p50)} / ${ms(suggest.p95)}`);

	const fresh = newPapers(papers);
	const adds = timeEach(fresh, (paper) => engine.index.add(paper));
	const add = percentiles(adds);
	row(
		`add ${NEW_PAPERS} new papers one by one (engine.index.add)`,
		`${seconds(adds.reduce((a, b) => a + b, 0))} in all, ${ms(add.p50)} / ${ms(add.p95)} ms p50 / p95 each; ${engine.index.size.toLocaleString('en-US')} indexed`,
	);
	// The first search after the additions pays for anything the index defers until it is read.
	const first = fresh[0]!;
	const { value: firstHits, ms: firstMs } = await timed(() => engine.search(first.title, { limit: 10 }).results);
	const rank = firstHits.findIndex((r) => r.paper.id === first.id) + 1;
	row('then search one of their titles', `${ms(firstMs)} ms, found at rank ${rank > 0 ? rank : 'none (not in the top 10)'}`);
	const probes = sample(fresh, 100);
	const found = probes.filter((paper) => engine.search(paper.title, { limit: 1 }).results[0]?.paper.id === paper.id).length;
	const probe = steadyPercentiles(
		(title) => engine.search(title, { limit: 10 }),
		probes.map((p) => p.title),
	);
	row(`search ${probes.length} of the new titles`, `${found} of ${probes.length} first; ${ms(probe.p50)} / ${ms(probe.p95)} ms p50 / p95`);
}

await main();
