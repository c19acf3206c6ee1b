import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PaperLibrary } from '../src/papers/library.ts';
import { listingFiles, loadLibrary } from '../src/papers/load-listings.ts';
import { writeSyntheticCorpus } from './corpus.ts';

/**
 * The shared folder of real listings sits beside the checkout, not in it: it is other people's data.
 * BENCH_REAL_CORPORA points elsewhere (a missing folder tries the fallbacks without the data).
 */
export const REAL_CORPORA = process.env.BENCH_REAL_CORPORA ?? new URL('../../shared/corpora/real/', import.meta.url).pathname;
export const ARXIV_DAILY = join(REAL_CORPORA, 'arxiv-daily');

export function realCorpusAvailable(dir = ARXIV_DAILY): boolean {
	return existsSync(dir);
}

export interface RealLibrary {
	readonly library: PaperLibrary;
	readonly files: number;
}

/** Loads the gzipped listings through the project's own loader, in place (nothing is unpacked to disk). */
export async function loadRealLibrary(dir = ARXIV_DAILY): Promise<RealLibrary> {
	const files = await listingFiles(dir);
	if (files.length === 0) throw new Error(`no listings in ${dir}`);
	return { library: await loadLibrary(dir), files: files.length };
}

const SEEDS = new URL('../seeds/', import.meta.url).pathname;

/** The folder the start-up bench runs the bot on: BENCH_PAPERS_DIR, else the real listings when they are there, else 100k papers generated from the seeds. */
export async function benchCorpus(): Promise<{ dir: string; description: string }> {
	// Your own library, to see what it costs: BENCH_PAPERS_DIR=/srv/listings npm run bench:startup
	const own = process.env.BENCH_PAPERS_DIR;
	if (own) return { dir: own, description: `the listings in ${own}` };
	if (realCorpusAvailable()) return { dir: ARXIV_DAILY, description: `the real arXiv listings (${ARXIV_DAILY}, read in place)` };
	console.log(`(${ARXIV_DAILY} is not there: falling back to 100k papers generated from the seeds)`);
	const corpus = await writeSyntheticCorpus({
		seedsDir: SEEDS,
		outDir: new URL('./.corpora/100000', import.meta.url).pathname,
		papers: 100_000,
	});
	return { dir: corpus.dir, description: `${corpus.papers} papers generated from the seeds` };
}
