import { join } from 'node:path';
import { loadLibrary } from '../src/papers/load-listings.ts';
import type { Paper } from '../src/papers/paper.ts';
import { writeSyntheticCorpus } from './corpus.ts';
import { usedMemoryMb, timed } from './measure.ts';
import { ARXIV_DAILY, loadRealLibrary, realCorpusAvailable } from './real-corpus.ts';
import { loadTestSet, type TestSet } from './relevance.ts';

const SEEDS = new URL('../seeds/', import.meta.url).pathname;
const CORPORA = new URL('./.corpora/', import.meta.url).pathname;

/** One corpus the search bench runs every engine on, with the test set made from it, if any. */
export interface BenchCorpus {
	readonly label: string;
	readonly papers: readonly Paper[];
	readonly files: number;
	/** Reading and parsing the listings; the seeds are loaded before anything is timed. */
	readonly parseMs?: number;
	/** Memory the loaded papers take. */
	readonly memoryMb: number;
	readonly testSet?: { readonly name: string; readonly set: TestSet };
}

/** The corpora the bench runs on: always the seeds, then the real arXiv papers, or synthetic ones without them. */
export function corpusPlan(): { real: boolean; labels: string[]; description: string } {
	if (realCorpusAvailable()) {
		return { real: true, labels: ['seeds', 'arXiv'], description: `real arXiv listings from ${ARXIV_DAILY} (gzipped, parsed in memory)` };
	}
	return {
		real: false,
		labels: ['seeds', '10k', '100k'],
		description: `no real corpus at ${ARXIV_DAILY}: falling back to synthetic 10k and 100k corpora generated from the seeds`,
	};
}

async function seedsCorpus(): Promise<BenchCorpus> {
	const before = usedMemoryMb();
	const papers = [...(await loadLibrary(SEEDS)).all()];
	return { label: 'seeds', papers, files: 5, memoryMb: usedMemoryMb() - before, testSet: { name: 'seeds', set: loadTestSet('seeds') } };
}

async function realCorpus(): Promise<BenchCorpus> {
	const before = usedMemoryMb();
	const { value, ms } = await timed(() => loadRealLibrary());
	const papers = [...value.library.all()];
	return {
		label: 'arXiv',
		papers,
		files: value.files,
		parseMs: ms,
		memoryMb: usedMemoryMb() - before,
		testSet: { name: 'real arXiv', set: loadTestSet('real') },
	};
}

async function syntheticCorpus(label: string, size: number): Promise<BenchCorpus> {
	const corpus = await writeSyntheticCorpus({ seedsDir: SEEDS, outDir: join(CORPORA, String(size)), papers: size });
	const before = usedMemoryMb();
	const { value: library, ms } = await timed(() => loadLibrary(corpus.dir));
	if (library.warnings.length > 0) throw new Error(`the ${size} corpus parsed with warnings: ${library.warnings[0]!.message}`);
	return { label, papers: [...library.all()], files: corpus.files, parseMs: ms, memoryMb: usedMemoryMb() - before };
}

/** Loads the corpora one at a time, so only one is in memory while its engines are measured. */
export async function* benchCorpora(real: boolean): AsyncGenerator<BenchCorpus> {
	yield await seedsCorpus();
	if (real) {
		yield await realCorpus();
		return;
	}
	yield await syntheticCorpus('10k', 10_000);
	yield await syntheticCorpus('100k', 100_000);
}
