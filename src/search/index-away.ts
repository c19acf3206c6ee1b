import { fork, type ChildProcess } from 'node:child_process';
import { access, constants, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { IndexJob, IndexJobResult } from './index-jobs.ts';
import { SNAPSHOT_FILE, type IndexBuilder, type IndexProgress, type OpenedIndex } from './open-index.ts';
import { readSnapshot } from './snapshot.ts';

const THREAD_ENTRY = new URL('./index-worker.ts', import.meta.url);
const PROCESS_ENTRY = fileURLToPath(new URL('./index-process.ts', import.meta.url));
/** Building a large library holds every paper's text and postings at once, more than a default heap. */
const BUILD_HEAP_MB = 16_384;

type Message = { progress: IndexProgress } | { result: IndexJobResult } | { error: string };

/** Runs a job in a thread or a process and settles with its answer; aborting stops it. */
function run<T extends IndexJobResult>(
	job: IndexJob,
	where: 'thread' | 'process',
	onProgress: (progress: IndexProgress) => void,
	signal?: AbortSignal,
): Promise<T> {
	const runner: Worker | ChildProcess =
		where === 'thread'
			? new Worker(THREAD_ENTRY, { workerData: { job }, resourceLimits: { maxOldGenerationSizeMb: BUILD_HEAP_MB } })
			: fork(PROCESS_ENTRY, [], {
					execArgv: [`--max-old-space-size=${BUILD_HEAP_MB}`],
					serialization: 'advanced',
					stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
				});
	const stop = () => void (runner instanceof Worker ? runner.terminate() : runner.kill());
	signal?.addEventListener('abort', stop, { once: true });
	if (!(runner instanceof Worker)) runner.send(job);
	return new Promise<T>((resolve, reject) => {
		runner.on('message', (message: Message) => {
			if ('progress' in message) onProgress(message.progress);
			else if ('result' in message) resolve(message.result as T);
			else reject(new Error(message.error));
		});
		runner.on('error', reject);
		runner.on('exit', (code: number | null) => reject(new Error(`the index ${where} stopped (exit code ${code})`)));
	}).finally(() => signal?.removeEventListener('abort', stop));
}

async function writable(dir: string): Promise<boolean> {
	try {
		await mkdir(dir, { recursive: true });
		await access(dir, constants.W_OK);
		return true;
	} catch {
		return false;
	}
}

/**
 * `buildIndex` away from the bot's event loop: in a process of its own when the snapshot can
 * be saved (its memory all goes back to the system at the end; the index comes back through the
 * snapshot), else in a thread, which hands the index back itself.
 */
export const buildIndexAway: IndexBuilder = async ({ onProgress = () => {}, ...options }, stamps, reason) => {
	const job: IndexJob = { job: 'build', options, stamps, reason };
	if (options.indexDir !== undefined && (await writable(options.indexDir))) {
		const built = await run<OpenedIndex>(job, 'process', onProgress);
		const saved = built.saveProblem ? undefined : await readSnapshot(join(options.indexDir, SNAPSHOT_FILE));
		if (saved && 'segment' in saved) return { ...built, segment: saved.segment };
	}
	return run<OpenedIndex>(job, 'thread', onProgress);
};

/**
 * Saves the snapshot with `added` merged in, in a process of its own (which reads the snapshot);
 * resolves with its paper count. Aborting stops it (the snapshot is replaced atomically or not at all).
 */
export function compactAway(job: Omit<Extract<IndexJob, { job: 'compact' }>, 'job' | 'segment'>, signal?: AbortSignal): Promise<number> {
	return run<number>({ job: 'compact', ...job }, 'process', () => {}, signal);
}
