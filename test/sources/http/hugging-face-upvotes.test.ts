import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergePaper } from '../../../src/papers/library.ts';
import type { Paper } from '../../../src/papers/paper.ts';
import { Segment } from '../../../src/search/segment.ts';
import { writeSegment } from '../../../src/search/segment-writer.ts';
import { readSnapshot, writeSnapshot } from '../../../src/search/snapshot.ts';
import { parseHuggingFaceDaily } from '../../../src/sources/http/hugging-face.ts';
import { useTempDir } from '../../helpers.ts';

const tempDir = useTempDir();
/** A real answer of /api/daily_papers, read in place from the shared corpus (never copied into the project). */
const HF_DAILY_2024_03_29 = new URL('../../../../shared/corpora/raw/hf-daily/raw-2024/daily_papers_2024-03-29.json', import.meta.url);

describe('Hugging Face upvotes', () => {
	it('are read from each paper of a real daily-papers answer', () => {
		const { papers, skipped } = parseHuggingFaceDaily(readFileSync(HF_DAILY_2024_03_29, 'utf8'));
		expect(skipped).toEqual([]);
		expect(papers.map((paper) => [paper.arxivId, paper.upvotes])).toEqual([
			['2403.19270', 15],
			['2403.19046', 12],
			['2403.19655', 11],
			['2403.18978', 7],
			['2403.19319', 5],
		]);
	});

	it('are left out when the item has none or not a count, and the paper is still read', () => {
		const item = (upvotes: unknown) => ({ paper: { id: '2411.07777', title: 'A Good Paper', summary: 'It is good.', upvotes } });
		const { papers } = parseHuggingFaceDaily(JSON.stringify([item(undefined), item('12'), item(-1), item(2.5), item(null), item(0)]));
		expect(papers.map((paper) => paper.upvotes)).toEqual([undefined, undefined, undefined, undefined, undefined, 0]);
		expect(papers.map((paper) => 'upvotes' in paper)).toEqual([false, false, false, false, false, true]);
	});

	it('take the latest count when the feed lists a known paper again, and stay when another source knows nothing of them', () => {
		const known: Paper = { id: 'p', title: 'T', abstract: 'A', listings: [{ file: 'a.txt' }], upvotes: 4 };
		expect(mergePaper('p', known, { title: 'T', abstract: 'A', listings: [{ file: 'hf' }], upvotes: 30 }).upvotes).toBe(30);
		expect(mergePaper('p', known, { title: 'T', abstract: 'A', listings: [{ file: 'b.txt' }] }).upvotes).toBe(4);
	});

	it('survive the index snapshot, and papers without them come back without them', async () => {
		const papers: Paper[] = [
			{ id: '00000000000000a1', title: 'Voted', abstract: 'Liked.', listings: [{ file: 'hf' }], upvotes: 88 },
			{ id: '00000000000000a2', title: 'Listed', abstract: 'From a file.', listings: [{ file: 'x.txt', date: 'May 1' }] },
		];
		const path = join(tempDir(), 'index.snapshot');
		await writeSnapshot(path, writeSegment(papers), { builtAt: new Date().toISOString(), papers: 2, listings: [], warnings: [] });
		const read = await readSnapshot(path);
		if (!('segment' in read)) throw new Error(read.problem);
		const segment = new Segment(read.segment);
		expect([segment.paper(0), segment.paper(1)]).toEqual(papers);
	});
});
