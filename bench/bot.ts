/**
 * `npm run bench:bot` (part of `npm run bench`): the whole bot against the fake Discord on
 * 127.0.0.1, with the seeds and with the real arXiv listings (100k generated papers without
 * them): start-up to ready, then /paper search interactions at a fixed concurrency, timed from dispatch on the gateway to the reply
 * arriving over REST: once just after start-up, and once in the steady state of a bot that
 * has been up a while. The seeds run shows the cost of the pipeline itself, search aside.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { startPaperboy } from '../src/app.ts';
import { createLogger } from '../src/logger.ts';
import { TEST_TOKEN } from '../test/support/start-bot.ts';
import type { LoadRequest, LoadResult } from './fake-discord-worker.ts';
import { ms, percentiles, timed } from './measure.ts';
import { benchCorpus } from './real-corpus.ts';
import { loadTestSet } from './relevance.ts';

/** Searches between the just-started and the steady-state measurement. */
const STEADY_AFTER = 2_000;
const load: LoadRequest = { queries: loadTestSet().queries.map((query) => query.query), interactions: 500, concurrency: 20 };
const seeds = new URL('../seeds/', import.meta.url).pathname;
const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });

async function measure(label: string, papersDir: string): Promise<string[]> {
	// A fresh index folder: start-up here is a cold one (bench:startup measures the snapshot's).
	const indexDir = mkdtempSync(join(tmpdir(), 'paperboy-bench-index-'));
	const fake = new Worker(new URL('./fake-discord-worker.ts', import.meta.url), { workerData: { token: TEST_TOKEN } });
	const [{ apiUrl }] = (await once(fake, 'message')) as [{ apiUrl: string }];
	const { value: paperboy, ms: startupMs } = await timed(() =>
		startPaperboy(
			{
				DISCORD_TOKEN: TEST_TOKEN,
				DISCORD_API_URL: apiUrl,
				PAPERS_DIR: papersDir,
				INDEX_DIR: indexDir,
				STORAGE_URL: 'memory://',
				SEARCH_THREADS: process.env.SEARCH_THREADS,
			},
			{ logger: createLogger('warn', quiet) },
		),
	);
	const run = async (request: LoadRequest) => {
		fake.postMessage(request);
		const [result] = (await once(fake, 'message')) as [LoadResult];
		return result;
	};
	await run({ ...load, interactions: 100 }); // warm-up: let the JIT compile the hottest paths
	const justStarted = await run(load);
	// A bot that has been up a while: the JIT has compiled the rest, the heap has found its size.
	await run({ ...load, interactions: STEADY_AFTER });
	const steady = await run(load);
	await paperboy.stop();
	rmSync(indexDir, { recursive: true, force: true });
	fake.postMessage('close');
	await once(fake, 'exit');
	const row = (when: string, { latencies, totalMs }: LoadResult) => {
		const { p50, p95 } = percentiles(latencies);
		const throughput = ((load.interactions / totalMs) * 1000).toFixed(0);
		return `| ${label} | /paper search ×${load.interactions} at concurrency ${load.concurrency}, ${when}: dispatch to reply p50 / p95, throughput | ${ms(p50)} / ${ms(p95)} ms, ${throughput}/s |`;
	};
	return [
		`| ${label} | cold start-up to ready (parse, index, save the snapshot, log in, register commands) | ${ms(startupMs / 1000)} s |`,
		row('just started (after 100)', justStarted),
		row(`steady state (after ${100 + load.interactions + STEADY_AFTER})`, steady),
	];
}

const corpus = await benchCorpus();
const rows = [...(await measure('seeds (675 papers)', seeds)), ...(await measure(corpus.description, corpus.dir))];
console.log('# Paperboy bot benchmark (fake Discord on 127.0.0.1 in a worker thread)\n');
console.log('| corpus | measure | value |\n|---|---|---|');
rows.forEach((row) => console.log(row));
