import { parentPort, workerData } from 'node:worker_threads';
import type { PaperDraft } from '../papers/paper.js';
import { buildIndex, type OpenIndexOptions } from './open-index.js';
import { PaperIndex } from './paper-index.js';
import { Segment } from './segment.js';
import { writeSegment, type SegmentData } from './segment-writer.js';
import { writeSnapshot, type ListingStamp, type SnapshotManifest } from './snapshot.js';

/** What the index thread is asked: build the papers folder's index, or save one with papers added on top. */
export type IndexJob =
	| { readonly job: 'build'; readonly options: Omit<OpenIndexOptions, 'onProgress'>; readonly stamps: readonly ListingStamp[]; readonly reason: string }
	| { readonly job: 'compact'; readonly segment: SegmentData; readonly added: readonly PaperDraft[]; readonly manifest: SnapshotManifest; readonly path: string };

/** A new segment holding the old one's papers with `added` merged in, saved as the snapshot. */
async function compact(job: Extract<IndexJob, { job: 'compact' }>): Promise<number> {
	const index = new PaperIndex(new Segment(job.segment));
	index.merge(job.added);
	const segment = writeSegment(index.papers());
	await writeSnapshot(job.path, segment, { ...job.manifest, builtAt: new Date().toISOString(), papers: segment.layout.docs });
	return segment.layout.docs;
}

const port = parentPort!;
const job = (workerData as { job: IndexJob }).job;
try {
	const result =
		job.job === 'build' ? await buildIndex({ ...job.options, onProgress: (progress) => port.postMessage({ progress }) }, job.stamps, job.reason) : await compact(job);
	port.postMessage({ result });
} catch (error) {
	port.postMessage({ error: (error as Error).message });
}
