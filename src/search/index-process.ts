import { runIndexJob, type IndexJob } from './index-jobs.ts';

/**
 * An index job in a process of its own, whose memory all goes back to the system when it ends
 * (a thread's stays with the bot's process). Its segment goes through the snapshot on disk.
 */
process.once('message', (job: IndexJob) => {
	const send = (message: unknown) => new Promise<void>((resolve) => process.send!(message, () => resolve()));
	void runIndexJob(job, (progress) => void send({ progress }))
		.then((result) => send({ result: typeof result === 'number' ? result : { ...result, segment: undefined } }))
		.catch((error: unknown) => send({ error: (error as Error).message }))
		.finally(() => process.disconnect());
});
