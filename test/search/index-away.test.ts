import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { searchEngineOver } from '../../src/search/build.ts';
import { buildIndexAway } from '../../src/search/index-away.ts';
import { openIndex } from '../../src/search/open-index.ts';
import type { IndexProgress } from '../../src/search/open-index.ts';
import { SEEDS_DIR, useTempDir } from '../helpers.ts';

const tempDir = useTempDir();

describe('building the index away from the bot', () => {
	it.each([
		['in a process, handing the index back through the snapshot', true],
		['in a thread when the snapshot cannot be saved', false],
	])('builds %s, reporting progress', async (_how, canSave) => {
		const root = tempDir();
		const papersDir = join(root, 'papers');
		cpSync(SEEDS_DIR, papersDir, { recursive: true });
		const indexDir = join(root, 'index');
		if (!canSave) writeFileSync(indexDir, 'a file where the folder should be');
		const progress: IndexProgress[] = [];
		const opened = await openIndex({ papersDir, indexDir, onProgress: (report) => progress.push(report) }, buildIndexAway);
		expect([opened.loaded, opened.reason, opened.saveProblem !== undefined]).toEqual([false, expect.any(String), !canSave]);
		expect(progress.at(-1)).toEqual({ phase: 'indexing', papers: 675, totalPapers: 675 });
		expect(progress.filter((report) => report.phase === 'reading')).toHaveLength(5);
		expect(searchEngineOver(opened.segment).search('grokking').results[0]?.paper.title).toMatch(/Grokking/);
	});
});
