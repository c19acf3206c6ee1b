import type { PaperDraft } from '../papers/paper.ts';
import { buildIndex, type IndexProgress, type OpenedIndex, type OpenIndexOptions } from './open-index.ts';
import { PaperIndex } from './paper-index.ts';
import { Segment } from './segment.ts';
import { writeSegment, type SegmentData } from './segment-writer.ts';
import { readSnapshot, writeSnapshot, type ListingStamp, type SnapshotManifest } from './snapshot.ts';

/** The long, CPU-bound index work, done away from the bot's event loop: build the index, or save one with papers merged in. */
export type IndexJob =
	| {
			readonly job: 'build';
			readonly options: Omit<OpenIndexOptions, 'onProgress'>;
			readonly stamps: readonly ListingStamp[];
			readonly reason: string;
	  }
	| {
			readonly job: 'compact';
			/** The segment to merge into; in another process, the snapshot at `path` (the same papers or more) stands for it. */
			readonly segment?: SegmentData;
			readonly added: readonly PaperDraft[];
			readonly manifest: SnapshotManifest;
			readonly path: string;
	  };

export type IndexJobResult = OpenedIndex | number;

/** A new segment holding the old one's papers with `added` merged in, saved as the snapshot; resolves with its paper count. */
async function compact(job: Extract<IndexJob, { job: 'compact' }>): Promise<number> {
	let base = job.segment;
	if (!base) {
		const snapshot = await readSnapshot(job.path);
		if ('problem' in snapshot) throw new Error(`cannot merge into the index snapshot: ${snapshot.problem}`);
		base = snapshot.segment;
	}
	const index = new PaperIndex(new Segment(base));
	index.merge(job.added);
	const segment = writeSegment(index.papers());
	await writeSnapshot(job.path, segment, { ...job.manifest, builtAt: new Date().toISOString(), papers: segment.layout.docs });
	return segment.layout.docs;
}

export function runIndexJob(job: IndexJob, onProgress: (progress: IndexProgress) => void): Promise<IndexJobResult> {
	return job.job === 'build' ? buildIndex({ ...job.options, onProgress }, job.stamps, job.reason) : compact(job);
}
