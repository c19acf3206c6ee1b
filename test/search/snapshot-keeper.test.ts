import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { searchEngineOver } from '../../src/search/build.ts';
import { openIndex, SNAPSHOT_FILE } from '../../src/search/open-index.ts';
import { SnapshotKeeper } from '../../src/search/snapshot-keeper.ts';
import { abstractAbout, SEEDS_DIR, useTempDir } from '../helpers.ts';

const tempDir = useTempDir();

describe('SnapshotKeeper', () => {
	it('saves the snapshot with the papers that arrived once there are enough of them, in the background', async () => {
		const root = tempDir();
		const papersDir = join(root, 'papers');
		const indexDir = join(root, 'index');
		cpSync(SEEDS_DIR, papersDir, { recursive: true });
		const opened = await openIndex({ papersDir, indexDir });
		const added = [1, 2, 3].map((i) => ({
			title: `Arrived From A Feed Number ${i}`,
			abstract: abstractAbout(`feed paper ${i}`),
			listings: [],
		}));
		const saved: number[] = [];
		const problems: Error[] = [];
		const keeper = new SnapshotKeeper({
			added: () => added,
			manifest: opened.manifest,
			path: join(indexDir, SNAPSHOT_FILE),
			threshold: 3,
			checkEveryMs: 60_000,
			onSaved: (papers) => saved.push(papers),
			onProblem: (error) => problems.push(error),
		});
		try {
			added.pop();
			keeper.check();
			expect((await openIndex({ papersDir, indexDir })).manifest.papers).toBe(675);
			added.push({ title: 'Arrived From A Feed Number 3', abstract: abstractAbout('feed paper 3'), listings: [] });
			keeper.check();
			await expect.poll(() => saved, { timeout: 20_000 }).toEqual([678]);
		} finally {
			await keeper.close();
		}
		expect(problems).toEqual([]);
		const reopened = await openIndex({ papersDir, indexDir });
		expect([reopened.loaded, reopened.pending.length]).toEqual([true, 0]);
		const engine = searchEngineOver(reopened.segment);
		expect(engine.search('arrived from a feed number 2').results[0]?.paper.title).toBe('Arrived From A Feed Number 2');
	});
});
