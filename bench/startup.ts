/**
 * `npm run bench:startup` (part of `npm run bench`): how long the bot takes from `node` to
 * ready, cold (no snapshot: parse and index everything) and warm (the snapshot from the cold
 * start), and how much memory the whole process holds (every thread) when ready and at its
 * peak; then how long the CLI takes to answer its first query on the snapshot. The bot runs as
 * its own process, as `npm start` does, against the fake Discord on 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeDiscord } from '../test/support/fake-discord/index.ts';
import { TEST_TOKEN } from '../test/support/start-bot.ts';
import { benchCorpus } from './real-corpus.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const READY_TIMEOUT_MS = 15 * 60_000;

/** Resident memory of a process and every process under it (a cold build runs in a child), in MB, from /proc. */
function treeRss(pid: number): number {
	try {
		const rss = Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
		const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
		return children.reduce((sum, child) => sum + treeRss(child), rss);
	} catch {
		return 0; // it ended meanwhile
	}
}

interface Start {
	readonly ms: number;
	readonly rss: number;
	readonly peak: number;
	readonly event: string;
}

/** Starts the bot, waits for it to be ready, measures it, stops it. */
async function startOnce(env: NodeJS.ProcessEnv, apiUrl: string): Promise<Start> {
	const started = performance.now();
	const child = spawn(process.execPath, ['src/main.ts'], {
		cwd: ROOT,
		env: {
			PATH: process.env.PATH,
			NODE_ENV: 'production',
			DISCORD_TOKEN: TEST_TOKEN,
			DISCORD_API_URL: apiUrl,
			STORAGE_URL: 'memory://',
			LOG_LEVEL: 'info',
			...env,
		},
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	let output = '';
	let peak = 0;
	const sampler = setInterval(() => (peak = Math.max(peak, treeRss(child.pid!))), 100);
	const ready = new Promise<{ ms: number; event: string }>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('the bot did not get ready in time')), READY_TIMEOUT_MS);
		child.on('exit', (code) => reject(new Error(`the bot exited (${code}) before it was ready:\n${output.slice(-2000)}`)));
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			if (!output.includes('"event":"ready"')) return;
			clearTimeout(timer);
			const event = /"event":"(index_loaded|index_rebuilt)"/.exec(output)?.[1] ?? '?';
			resolve({ ms: performance.now() - started, event });
		});
	});
	const { ms, event } = await ready.finally(() => clearInterval(sampler));
	const rss = treeRss(child.pid!);
	child.removeAllListeners('exit');
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	await exited;
	return { ms, rss, peak, event };
}

/** Wall-clock time of one CLI search, from `node` to exit. */
async function cliSearch(papersDir: string, indexDir: string): Promise<number> {
	const started = performance.now();
	const child = spawn(process.execPath, ['src/cli/paperboy.ts', 'search', 'grokking', '--papers-dir', papersDir, '--index-dir', indexDir], {
		cwd: ROOT,
		stdio: 'ignore',
	});
	const code = await new Promise((resolve) => child.once('exit', resolve));
	if (code !== 0) throw new Error(`paperboy search exited with ${String(code)}`);
	return performance.now() - started;
}

const corpus = await benchCorpus();
const discord = await FakeDiscord.start({ token: TEST_TOKEN });
const indexDir = mkdtempSync(join(tmpdir(), 'paperboy-bench-index-'));
try {
	const env = { PAPERS_DIR: corpus.dir, INDEX_DIR: indexDir, SEARCH_THREADS: process.env.SEARCH_THREADS ?? '2' };
	const cold = await startOnce(env, discord.apiUrl);
	const warm = await startOnce(env, discord.apiUrl);
	const cli = await cliSearch(corpus.dir, indexDir);
	const s = (ms: number) => (ms / 1000).toFixed(1);
	console.log(
		`# Paperboy start-up benchmark\n\n${corpus.description}; SEARCH_THREADS=${env.SEARCH_THREADS}; the bot as its own process (npm start), fake Discord on 127.0.0.1\n`,
	);
	console.log(
		'| start | how the index came | node to ready | resident when ready | peak resident while starting (all its processes, sampled every 0.1 s) |\n|---|---|---|---|---|',
	);
	for (const [label, run] of [
		['cold (no snapshot)', cold],
		['warm (snapshot)', warm],
	] as const) {
		console.log(`| ${label} | ${run.event} | ${s(run.ms)} s | ${run.rss.toFixed(0)} MB | ${run.peak.toFixed(0)} MB |`);
	}
	console.log(`\nCLI \`paperboy search grokking\` on the snapshot, node to exit: ${s(cli)} s`);
} finally {
	await discord.close();
	rmSync(indexDir, { recursive: true, force: true });
}
