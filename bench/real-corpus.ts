import { existsSync } from 'node:fs';
import { writeSyntheticCorpus } from './corpus.js';

/** The real arXiv listings beside the project (../shared), read in place; never copied into it. */
export const REAL_ARXIV = new URL('../../shared/corpora/real/arxiv-daily/', import.meta.url).pathname;
const SEEDS = new URL('../seeds/', import.meta.url).pathname;

/** The corpus the start-up bench runs on: BENCH_PAPERS_DIR, else the real one when it is there, else 100k papers generated from the seeds. */
export async function benchCorpus(): Promise<{ dir: string; description: string }> {
	// Your own library, to see what it costs: BENCH_PAPERS_DIR=/srv/listings npm run bench:startup
	const own = process.env.BENCH_PAPERS_DIR;
	if (own) return { dir: own, description: `the listings in ${own}` };
	if (existsSync(REAL_ARXIV)) return { dir: REAL_ARXIV, description: `real arXiv listings (${REAL_ARXIV})` };
	console.log(`(${REAL_ARXIV} is not there: falling back to 100k papers generated from the seeds)`);
	const corpus = await writeSyntheticCorpus({ seedsDir: SEEDS, outDir: new URL('./.corpora/100000', import.meta.url).pathname, papers: 100_000 });
	return { dir: corpus.dir, description: `${corpus.papers} papers generated from the seeds` };
}
