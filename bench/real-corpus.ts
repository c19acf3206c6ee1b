import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PaperLibrary } from '../src/papers/library.js';
import { parseListing } from '../src/papers/parse-listing.js';
import { writeSyntheticCorpus } from './corpus.js';

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
	/** Papers the listings hold before titles seen twice are merged. */
	readonly entries: number;
}

/**
 * Loads the gzipped listings in memory. The loader reads only `.txt` so far, and unpacking
 * 119k papers to disk just to read them back would only add a cache that can go stale.
 */
export async function loadRealLibrary(dir = ARXIV_DAILY): Promise<RealLibrary> {
	const names = (await readdir(dir)).filter((name) => name.endsWith('.txt.gz')).sort();
	if (names.length === 0) throw new Error(`no .txt.gz listings in ${dir}`);
	const library = new PaperLibrary();
	let entries = 0;
	for (const name of names) {
		const text = gunzipSync(await readFile(join(dir, name))).toString('utf8');
		entries += library.addListing(parseListing(name.replace(/\.gz$/, ''), text)).length;
	}
	return { library, files: names.length, entries };
}

const SEEDS = new URL('../seeds/', import.meta.url).pathname;

/** The folder the start-up bench runs the bot on: BENCH_PAPERS_DIR, else the real listings when they are there, else 100k papers generated from the seeds. */
export async function benchCorpus(): Promise<{ dir: string; description: string }> {
	// Your own library, to see what it costs: BENCH_PAPERS_DIR=/srv/listings npm run bench:startup
	const own = process.env.BENCH_PAPERS_DIR;
	if (own) return { dir: own, description: `the listings in ${own}` };
	if (realCorpusAvailable()) return { dir: ARXIV_DAILY, description: `the real arXiv listings (${ARXIV_DAILY}, read in place)` };
	console.log(`(${ARXIV_DAILY} is not there: falling back to 100k papers generated from the seeds)`);
	const corpus = await writeSyntheticCorpus({ seedsDir: SEEDS, outDir: new URL('./.corpora/100000', import.meta.url).pathname, papers: 100_000 });
	return { dir: corpus.dir, description: `${corpus.papers} papers generated from the seeds` };
}
