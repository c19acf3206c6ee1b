import { parentPort, workerData } from 'node:worker_threads';
import { runIndexJob, type IndexJob } from './index-jobs.ts';

/** An index job in a thread: its result (a shared segment among it) comes back by message. */
const port = parentPort!;
try {
	const result = await runIndexJob((workerData as { job: IndexJob }).job, (progress) => port.postMessage({ progress }));
	port.postMessage({ result });
} catch (error) {
	port.postMessage({ error: (error as Error).message });
}
