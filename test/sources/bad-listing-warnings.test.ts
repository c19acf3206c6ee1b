import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { listingDrafts } from '../../src/papers/library.ts';
import { readListing } from '../../src/papers/load-listings.ts';
import type { PaperDraft } from '../../src/papers/paper.ts';
import { PapersFolder } from '../../src/sources/papers-folder.ts';
import { SEEDS_DIR, useTempDir } from '../helpers.ts';
import { recordingLogger } from './http/recording-logger.ts';

const tempDir = useTempDir();
const SEED = '002_1510b4e6a6bc60b9.txt'; // 60 papers, no warnings
const SEED_TEXT = readFileSync(join(SEEDS_DIR, SEED), 'utf8');
/** What the issue asks: a bad file is heard of within 5 s of appearing, with the bot's own timings. */
const WARNED_WITHIN_MS = 5000;

const open: PapersFolder[] = [];
afterEach(async () => {
	await Promise.all(open.splice(0).map((folder) => folder.close()));
});

/** The papers folder as the bot watches it (default timings), logging to memory. */
async function watchedFolder() {
	const dir = tempDir();
	const { logger, warnings } = recordingLogger();
	const folder = new PapersFolder(dir, logger);
	open.push(folder);
	// A listing read again as it grows is handed over whole again: the last batch is the file as it is.
	const batches: PaperDraft[][] = [];
	await folder.start(async (drafts) => void batches.push(drafts));
	const taken = () => batches.at(-1) ?? [];
	const warned = (file: string) => warnings('listing_warning').filter((line) => line.file === file);
	return { dir, taken, warned };
}

describe('a bad listing dropped into the watched papers folder', () => {
	it(`is warned of within ${WARNED_WITHIN_MS / 1000} s of appearing, whatever is wrong with it`, async () => {
		const { dir, warned } = await watchedFolder();
		const bad: Record<string, Buffer> = {
			'image.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
			'utf32.txt': Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00]),
			'notes.txt': Buffer.from('Things to read this week\n\nAsk Sam about the reading group\n'),
		};
		const appeared = new Map<string, number>();
		for (const [name, bytes] of Object.entries(bad)) {
			writeFileSync(join(dir, name), bytes);
			appeared.set(name, performance.now());
		}
		const warnedAfter = new Map<string, number>();
		await expect
			.poll(
				() => {
					for (const name of appeared.keys())
						if (!warnedAfter.has(name) && warned(name).length > 0) warnedAfter.set(name, performance.now() - appeared.get(name)!);
					return warnedAfter.size;
				},
				{ timeout: 2 * WARNED_WITHIN_MS, interval: 20 },
			)
			.toBe(appeared.size);
		for (const [name, ms] of warnedAfter) expect(ms, name).toBeLessThan(WARNED_WITHIN_MS);
		expect(warned('notes.txt')[0]!.msg).toMatch(/^no papers found/);
	});

	it('is not warned of while it is still being written, with pauses, and yields every paper once whole', async () => {
		const { dir, taken, warned } = await watchedFolder();
		const path = join(dir, 'slow.txt');
		// Pauses longer than the watcher waits for a file to settle: each part is read, and rejected as it stands.
		const parts = [SEED_TEXT.slice(0, 40), SEED_TEXT.slice(40, 400), SEED_TEXT.slice(400)];
		writeFileSync(path, parts[0]!);
		for (const part of parts.slice(1)) {
			await sleep(1200);
			appendFileSync(path, part);
		}
		await expect.poll(() => taken().length, { timeout: 10_000 }).toBe(60);
		expect(warned('slow.txt')).toEqual([]);
		expect(statSync(path).size).toBe(Buffer.byteLength(SEED_TEXT));
	});

	it('is read when saved as UTF-16, to the papers of its UTF-8 original', async () => {
		const { dir, taken, warned } = await watchedFolder();
		writeFileSync(join(dir, SEED), Buffer.from(`\ufeff${SEED_TEXT}`, 'utf16le'));
		await expect.poll(() => taken().length, { timeout: WARNED_WITHIN_MS }).toBe(60);
		expect(taken()).toEqual(listingDrafts(await readListing(join(SEEDS_DIR, SEED))));
		expect(warned(SEED)).toEqual([]);
	});
});
