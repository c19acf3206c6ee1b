import { Worker } from 'node:worker_threads';
import type { IndexJob } from './index-worker.js';
import type { IndexBuilder, IndexProgress } from './open-index.js';

const ENTRY = new URL('./thread-entry.mjs', import.meta.url);
const MODULE = new URL('./index-worker.ts', import.meta.url).href;
/** Building a large library holds every paper's text and postings at once, more than a default heap. */
const BUILD_HEAP_MB = 16_384;

/** Runs one index job in its own thread, so a long build never blocks the process (signals, heartbeats). */
function runJob<T>(job: IndexJob, onProgress: (progress: IndexProgress) => void = () => {}, signal?: AbortSignal): Promise<T> {
	const worker = new Worker(ENTRY, { workerData: { job, module: MODULE }, resourceLimits: { maxOldGenerationSizeMb: BUILD_HEAP_MB } });
	signal?.addEventListener('abort', () => void worker.terminate(), { once: true });
	return new Promise<T>((resolve, reject) => {
		worker.on('message', (message: { progress: IndexProgress } | { result: T } | { error: string }) => {
			if ('progress' in message) onProgress(message.progress);
			else if ('result' in message) resolve(message.result);
			else reject(new Error(message.error));
		});
		worker.on('error', reject);
		worker.on('exit', (code) => reject(new Error(`the index thread stopped (exit code ${code})`)));
	});
}

/** `buildIndex` in a thread of its own, whose memory is all given back when it ends. */
export const buildIndexInThread: IndexBuilder = ({ onProgress, ...options }, stamps, reason) => runJob({ job: 'build', options, stamps, reason }, onProgress);

/**
 * Saves the segment with `added` merged in as the snapshot, in a thread of its own; resolves
 * with its paper count. Aborting stops the thread (the snapshot is replaced atomically or not at all).
 */
export function compactInThread(job: Omit<Extract<IndexJob, { job: 'compact' }>, 'job'>, signal?: AbortSignal): Promise<number> {
	return runJob({ job: 'compact', ...job }, undefined, signal);
}
