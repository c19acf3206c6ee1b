import type { BenchCorpus } from './search-corpora.ts';
import { ms } from './measure.ts';
import type { Percentiles } from './queries.ts';
import { overall, TARGETS, type Kind, type KindScore } from './relevance.ts';

/** What the report says about a corpus: its size and where it came from, without its papers. */
export type CorpusFigures = Omit<BenchCorpus, 'papers' | 'testSet'> & { papers: number; testSet?: { name: string; queries: number } };

export interface EngineFigures {
	engine: string;
	corpus: string;
	buildMs: number;
	/** Memory (JS heap and typed arrays) the engine's index takes on top of the loaded papers. */
	memoryMb: number;
	scores?: KindScore[];
	latency?: Percentiles;
	suggest?: Percentiles;
}

const KINDS = Object.keys(TARGETS) as Kind[];
const seconds = (value: number) => `${ms(value / 1000)} s`;
const count = (value: number) => value.toLocaleString('en-US');

function relevanceTables(log: (line?: string) => void, corpora: readonly CorpusFigures[], figures: readonly EngineFigures[]): void {
	for (const corpus of corpora) {
		if (!corpus.testSet) continue;
		log(`\n## Relevance on the ${corpus.testSet.name} test set (${corpus.testSet.queries} queries over ${count(corpus.papers)} papers)\n`);
		log(`| engine | ${KINDS.map((kind) => `${kind} ${TARGETS[kind].metric} (≥ ${TARGETS[kind].target})`).join(' | ')} | overall |`);
		log(`|---|${KINDS.map(() => '---').join('|')}|---|`);
		for (const { engine, scores } of figures.filter((f) => f.corpus === corpus.label && f.scores)) {
			const cells = KINDS.map((kind) => {
				const score = scores!.find((s) => s.kind === kind);
				return score ? `${score.score.toFixed(3)}${score.score < TARGETS[kind].target ? ' ✗' : ''}` : '–';
			});
			const queries = scores!.reduce((sum, s) => sum + s.queries, 0);
			const name =
				queries < corpus.testSet.queries ? `${engine} (${queries} of the queries: the first ${scores![0]!.queries} of each kind)` : engine;
			log(`| ${name} | ${cells.join(' | ')} | ${overall(scores!).toFixed(3)} |`);
		}
	}
}

export function printReport(log: (line?: string) => void, corpora: readonly CorpusFigures[], figures: readonly EngineFigures[]): void {
	relevanceTables(log, corpora, figures);
	const engines = [...new Set(figures.map((f) => f.engine))];
	const cell = (engine: string, corpus: string, show: (f: EngineFigures) => string) => {
		const found = figures.find((f) => f.engine === engine && f.corpus === corpus);
		return found ? show(found) : '–';
	};
	const header = `| engine | ${corpora.map((c) => `${c.label} (${count(c.papers)})`).join(' | ')} |\n|---|${corpora.map(() => '---').join('|')}|`;

	log("\n## Query latency, ms p50 / p95 (mix: test-set queries incl. long typo'd titles, exact titles, half-typed titles)\n");
	log(header);
	for (const engine of engines) {
		log(
			`| ${engine} | ${corpora.map((c) => cell(engine, c.label, ({ latency: l }) => (l ? `${ms(l.p50)} / ${ms(l.p95)} (${l.n} q)` : '–'))).join(' | ')} |`,
		);
	}
	log('\n## Index build time and memory (JS heap + typed arrays, on top of the loaded papers)\n');
	log(header);
	for (const engine of engines) {
		log(
			`| ${engine} | ${corpora.map((c) => cell(engine, c.label, (f) => `${seconds(f.buildMs)}, ${f.memoryMb.toFixed(0)} MB`)).join(' | ')} |`,
		);
	}
	log('\n## Paperboy per corpus\n');
	log(
		'| corpus | papers | listing files | parse listings | papers memory | build index | index memory | autocomplete (suggest) ms p50 / p95 |',
	);
	log('|---|---|---|---|---|---|---|---|');
	for (const corpus of corpora) {
		const ours = figures.find((f) => f.engine === 'Paperboy' && f.corpus === corpus.label);
		if (!ours) continue;
		const parse = corpus.parseMs === undefined ? '–' : seconds(corpus.parseMs);
		const suggest = ours.suggest ? `${ms(ours.suggest.p50)} / ${ms(ours.suggest.p95)}` : '–';
		log(
			`| ${corpus.label} | ${count(corpus.papers)} | ${corpus.files} | ${parse} | ${corpus.memoryMb.toFixed(0)} MB | ${seconds(ours.buildMs)} | ${ours.memoryMb.toFixed(0)} MB | ${suggest} |`,
		);
	}
}
