import { appendFileSync, copyFileSync, cpSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { searchEngineOver } from '../../src/search/build.ts';
import { openIndex, SNAPSHOT_FILE, type OpenedIndex } from '../../src/search/open-index.ts';
import { abstractAbout, SEEDS_DIR, useTempDir } from '../helpers.ts';

const tempDir = useTempDir();

/** A copy of the seeds and an empty index folder. */
function library(): { papersDir: string; indexDir: string; snapshot: string } {
	const root = tempDir();
	const papersDir = join(root, 'papers');
	cpSync(SEEDS_DIR, papersDir, { recursive: true });
	const indexDir = join(root, 'index');
	return { papersDir, indexDir, snapshot: join(indexDir, SNAPSHOT_FILE) };
}

const top = (opened: OpenedIndex, query: string) => {
	const engine = searchEngineOver(opened.segment);
	engine.index.merge(opened.pending);
	return engine.search(query, { limit: 5 }).results.map((result) => [result.paper.id, result.score]);
};

/** Rewrites the header's text in place (same length) with a checksum that matches again. */
function rewriteHeader(path: string, from: string, to: string): void {
	const bytes = readFileSync(path);
	const length = bytes.readUInt32LE(16);
	const header = bytes.subarray(24, 24 + length);
	const text = header.toString('utf8');
	expect(text).toContain(from);
	header.write(text.replace(from, to));
	bytes.writeUInt32LE(crc32(header), 20);
	writeFileSync(path, bytes);
}

describe('the index snapshot', () => {
	it('is built and saved at the first open, then loaded, answering exactly as the built index did', async () => {
		const { papersDir, indexDir } = library();
		const built = await openIndex({ papersDir, indexDir });
		expect([built.loaded, built.reason, built.saveProblem]).toEqual([false, 'there is no index snapshot yet', undefined]);
		const loaded = await openIndex({ papersDir, indexDir });
		expect([loaded.loaded, loaded.reason, loaded.pending.length]).toEqual([true, 'the listings are unchanged', 0]);
		expect(loaded.listings).toEqual(built.listings);
		for (const query of ['grokking', 'eliminating catastrophic overfiting', '"preference optimization" -survey', 'seerat']) {
			expect(top(loaded, query)).toEqual(top(built, query));
		}
	});

	it('hands back the papers of new and grown listings to add on top, and keeps the listings warnings', async () => {
		const { papersDir, indexDir } = library();
		await openIndex({ papersDir, indexDir });
		writeFileSync(
			join(papersDir, 'new.txt'),
			`Snapshots Considered Helpful\n\n${abstractAbout('index snapshots')}\n\nA Title Without Abstract\n`,
		);
		appendFileSync(join(papersDir, '000_e0245a0a4af11ce5.txt'), `\n\nGrown Listings Are Merged\n\n${abstractAbout('growing listings')}\n`);
		const opened = await openIndex({ papersDir, indexDir });
		expect(opened.loaded).toBe(true);
		expect(opened.reason).toBe('2 listing files are new or changed since; their papers are added');
		expect(opened.pending.map((draft) => draft.title)).toEqual(
			expect.arrayContaining(['Snapshots Considered Helpful', 'Grown Listings Are Merged']),
		);
		expect(opened.warnings.map((warning) => warning.file)).toContain('new.txt');
		expect(top(opened, 'snapshots considered helpful')[0]).toBeDefined();
	});

	it('is rebuilt when a listing left the folder, so its papers do not linger', async () => {
		const { papersDir, indexDir } = library();
		await openIndex({ papersDir, indexDir });
		rmSync(join(papersDir, '004_234bbfefedf43c44.txt'));
		const opened = await openIndex({ papersDir, indexDir });
		expect([opened.loaded, opened.reason]).toEqual([false, 'listing 004_234bbfefedf43c44.txt left the papers folder']);
		expect(opened.listings).not.toContain('004_234bbfefedf43c44.txt');
		expect((await openIndex({ papersDir, indexDir })).loaded).toBe(true);
	});

	it.each([
		['truncated', (path: string) => truncateSync(path, readFileSync(path).length - 100), /truncated \(\d+ of \d+ bytes\)/],
		['cut inside its header', (path: string) => truncateSync(path, 40), /not a Paperboy index|truncated/],
		['corrupted', (path: string) => corruptByte(path), /corrupted \(its checksum does not match\)/],
		['corrupted in its header', (path: string) => corruptByte(path, 30), /corrupted \(its header checksum does not match\)/],
		['foreign', (path: string) => writeFileSync(path, 'SQLite format 3\0 and so on'), /not a Paperboy index file/],
		[
			'from another version',
			(path: string) => rewriteHeader(path, 'snapshot 2, index 2', 'snapshot 2, index 0'),
			/made by another version of Paperboy/,
		],
		['longer than it says', (path: string) => appendFileSync(path, 'extra'), /5 bytes more than its header says/],
		['a folder', (path: string) => (rmSync(path), cpSync(SEEDS_DIR, path, { recursive: true })), /cannot be (opened|read)/],
	])('is not trusted when %s, and is rebuilt', async (_case, damage, reason) => {
		const { papersDir, indexDir, snapshot } = library();
		const fresh = await openIndex({ papersDir, indexDir });
		damage(snapshot);
		const opened = await openIndex({ papersDir, indexDir });
		expect(opened.loaded).toBe(false);
		expect(opened.reason).toMatch(reason);
		expect(top(opened, 'grokking')).toEqual(top(fresh, 'grokking'));
	});

	it('takes a listing touched in place, at the same size, as changed', async () => {
		const { papersDir, indexDir } = library();
		await openIndex({ papersDir, indexDir });
		const file = join(papersDir, '001_372ce159d90bd1db.txt');
		utimesSync(file, new Date(), new Date(Date.now() + 5_000));
		const opened = await openIndex({ papersDir, indexDir });
		expect(opened.reason).toBe('1 listing file is new or changed since; their papers are added');
		expect(opened.pending.length).toBeGreaterThan(0);
	});

	it('that cannot be saved leaves the index working, saying why', async () => {
		const { papersDir } = library();
		const blocked = join(tempDir(), 'a-file');
		copyFileSync(join(SEEDS_DIR, '000_e0245a0a4af11ce5.txt'), blocked);
		const opened = await openIndex({ papersDir, indexDir: blocked });
		expect(opened.saveProblem).toMatch(/could not be saved in .*a-file/);
		expect(top(opened, 'grokking').length).toBe(5);
	});
});

function corruptByte(path: string, at?: number): void {
	const bytes = readFileSync(path);
	const position = at ?? bytes.length - 1000;
	bytes[position] = bytes[position]! ^ 0xff;
	writeFileSync(path, bytes);
}
