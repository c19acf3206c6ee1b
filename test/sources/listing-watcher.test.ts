import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseListing, type ParsedListing } from '../../src/papers/parse-listing.ts';
import { watchListings, type ListingWatcher, type ListingWatcherOptions } from '../../src/sources/listing-watcher.ts';
import { cutMidCharacter, endsMidCharacter, trustedPart } from '../../src/sources/unfinished-listing.ts';
import { abstractAbout, useTempDir } from '../helpers.ts';

const tempDir = useTempDir();
const ROOT = new URL('../../', import.meta.url).pathname;
const HEADER = 'Daily Papers\n\nby AK and the research community\n\nMar 14\n\n';
const entry = (topic: string) => `${title(topic)}\n\n${abstractAbout(topic)}\n\n`;
const title = (topic: string) => `Scaling ${topic} for Everyone`;
const titles = (listing: ParsedListing | undefined) => listing?.entries.map((e) => e.title);

const open: ListingWatcher[] = [];
afterEach(async () => {
	await Promise.all(open.splice(0).map((watcher) => watcher.close()));
});

/** Watches a folder with short timings, recording what it reports. */
async function watchFolder(dir: string, options: Partial<ListingWatcherOptions> = {}) {
	const listings: ParsedListing[] = [];
	const problems: string[] = [];
	const watcher = await watchListings(dir, {
		settleMs: 100,
		scanMs: 300,
		holdIncompleteMs: 60_000,
		onListing: async (listing) => void listings.push(listing),
		onProblem: (message) => void problems.push(message),
		...options,
	});
	open.push(watcher);
	const reported = (file: string) => listings.filter((listing) => listing.file === file);
	return { watcher, listings, problems, reported };
}

const waitFor = <T>(check: () => T) => vi.waitFor(check, { timeout: 4000, interval: 25 });

describe('watchListings', () => {
	it('reports a new listing within 5 s with the default timings, but not those there before', async () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'old.txt'), HEADER + entry('old ideas'));
		const { listings } = await watchFolder(dir, { settleMs: undefined, scanMs: undefined, holdIncompleteMs: undefined });
		const written = Date.now();
		writeFileSync(join(dir, 'new.txt'), HEADER + entry('graphs') + entry('proteins'));
		await vi.waitFor(() => expect(listings).toHaveLength(1), { timeout: 5000, interval: 25 });
		expect(Date.now() - written).toBeLessThan(5000);
		expect(listings[0]).toMatchObject({ file: 'new.txt', date: 'Mar 14', accepted: true, warnings: [] });
		expect(titles(listings[0])).toEqual([title('graphs'), title('proteins')]);
	});

	it('never reports half a paper from a file written in two halves', async () => {
		const dir = tempDir();
		const { listings, reported } = await watchFolder(dir);
		const whole = HEADER + entry('graphs') + entry('proteins');
		const cut = whole.indexOf('by a wide margin', whole.indexOf(title('proteins')));
		writeFileSync(join(dir, 'day.txt'), whole.slice(0, cut));
		await waitFor(() => expect(listings).toHaveLength(1));
		expect(titles(listings[0])).toEqual([title('graphs')]);
		expect(listings[0]!.warnings.map((w) => w.message)).toEqual([expect.stringContaining('ends mid-sentence')]);

		await sleep(300);
		appendFileSync(join(dir, 'day.txt'), whole.slice(cut));
		await waitFor(() => expect(listings).toHaveLength(2));
		expect(listings[1]!.entries.at(-1)).toMatchObject({ title: title('proteins'), abstract: abstractAbout('proteins') });
		expect(listings[1]!.warnings).toEqual([]);
		expect(reported('day.txt')).toHaveLength(2);
	});

	it('reports a grown listing again, with the entry it gained', async () => {
		const dir = tempDir();
		const { listings } = await watchFolder(dir);
		writeFileSync(join(dir, 'day.txt'), HEADER + entry('graphs'));
		await waitFor(() => expect(listings).toHaveLength(1));
		appendFileSync(join(dir, 'day.txt'), entry('proteins'));
		await waitFor(() => expect(listings).toHaveLength(2));
		expect(titles(listings[1])).toEqual([title('graphs'), title('proteins')]);
	});

	it('reports a listing written atomically once, and ignores other files', async () => {
		const dir = tempDir();
		const { listings } = await watchFolder(dir);
		writeFileSync(join(dir, 'day.txt.tmp'), HEADER + entry('graphs'));
		writeFileSync(join(dir, 'notes.md'), HEADER + entry('notes'));
		writeFileSync(join(dir, '.hidden.txt'), HEADER + entry('secrets'));
		await sleep(400);
		renameSync(join(dir, 'day.txt.tmp'), join(dir, 'day.txt'));
		await waitFor(() => expect(listings).toHaveLength(1));
		await sleep(800);
		expect(listings.map((listing) => listing.file)).toEqual(['day.txt']);
	});

	it('reports a last entry that looks unfinished once the file has stayed unchanged long enough', async () => {
		const dir = tempDir();
		const { listings } = await watchFolder(dir, { holdIncompleteMs: 800 });
		const noFullStop = `${title('proteins')}\n\nWe fold proteins at scale. Our simple recipe beats every baseline on every benchmark we tried`;
		writeFileSync(join(dir, 'day.txt'), HEADER + entry('graphs') + noFullStop);
		await waitFor(() => expect(listings).toHaveLength(1));
		expect(titles(listings[0])).toEqual([title('graphs')]);
		await waitFor(() => expect(listings).toHaveLength(2));
		expect(titles(listings[1])).toEqual([title('graphs'), title('proteins')]);
	});

	it('retries a listing whose ingestion failed, saying so', async () => {
		const dir = tempDir();
		let calls = 0;
		const { listings, problems } = await watchFolder(dir, {
			onListing: async (listing) => {
				if (++calls === 1) throw new Error('database is down');
				listings.push(listing);
			},
		});
		writeFileSync(join(dir, 'day.txt'), HEADER + entry('graphs'));
		await waitFor(() => expect(listings).toHaveLength(1));
		expect(calls).toBe(2);
		expect(problems).toEqual([expect.stringContaining('ingesting day.txt failed; will retry')]);
	});

	it('passes a rejected listing on, for its warnings', async () => {
		const dir = tempDir();
		const { listings } = await watchFolder(dir, { holdRejectedMs: 300 });
		writeFileSync(join(dir, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
		await waitFor(() => expect(listings).toHaveLength(1));
		expect(listings[0]).toMatchObject({
			file: 'image.txt',
			accepted: false,
			warnings: [{ message: 'binary data, not a text listing (a listing is text: UTF-8, UTF-16 or Windows-1252)' }],
		});
	});

	it('survives its folder being deleted, and watches it again once it is back', async () => {
		const root = tempDir();
		const dir = join(root, 'papers');
		mkdirSync(dir);
		const { listings, problems } = await watchFolder(dir);
		rmSync(dir, { recursive: true });
		await waitFor(() => expect(problems).toEqual([expect.stringContaining('cannot read the papers folder')]));
		await sleep(700);
		expect(problems).toHaveLength(1);
		mkdirSync(dir);
		writeFileSync(join(dir, 'day.txt'), HEADER + entry('graphs'));
		await waitFor(() => expect(titles(listings[0])).toEqual([title('graphs')]));
	});

	it('reports nothing after close, and leaves nothing to keep the process alive', async () => {
		const dir = tempDir();
		const script = join(dir, 'watch.mts');
		writeFileSync(
			script,
			`import { watchListings } from ${JSON.stringify(join(ROOT, 'src/sources/listing-watcher.ts'))};
			const watcher = await watchListings(${JSON.stringify(dir)}, { onListing: async () => {}, onProblem: () => {}, settleMs: 50, scanMs: 100 });
			await new Promise((resolve) => setTimeout(resolve, 300));
			await watcher.close();
			console.log('closed');`,
		);
		const child = spawn(process.execPath, [script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		const exited = once(child, 'exit');
		const timer = setTimeout(() => child.kill(), 10_000);
		expect(await exited).toEqual([0, null]);
		clearTimeout(timer);
		expect(output.trim()).toBe('closed');

		const { watcher, listings } = await watchFolder(dir);
		await watcher.close();
		writeFileSync(join(dir, 'day.txt'), HEADER + entry('graphs'));
		await sleep(500);
		expect(listings).toEqual([]);
	});
});

describe('trustedPart of a listing still being written', () => {
	const cutAt = (text: string) => trustedPart(parseListing('day.txt', text), endsMidCharacter(Buffer.from(text).subarray(-4)));

	it('trusts a listing whose last abstract ends as a whole one does', () => {
		expect(cutAt(HEADER + entry('graphs') + entry('proteins'))).toMatchObject({ heldBack: false, listing: { entries: [{}, {}] } });
	});

	it('holds back a last entry that something follows: the next title, or the start of a next paragraph', () => {
		for (const after of [title('lasers'), 'We also show', `${title('lasers')}\n\nWe study`]) {
			const part = cutAt(HEADER + entry('graphs') + entry('proteins') + after);
			expect(titles(part.listing)).toEqual([title('graphs')]);
			expect(part.heldBack).toBe(true);
		}
	});

	it('holds back a last entry of several paragraphs, as the last may be a title read as prose', () => {
		const proseTitle = 'Is Model Collapse Inevitable? Breaking the Curse of Recursion by Accumulating Real and Synthetic Data?';
		const part = cutAt(HEADER + entry('graphs') + entry('proteins') + proseTitle);
		expect(titles(part.listing)).toEqual([title('graphs')]);
	});

	it('holds back everything while the file is rejected, or cut inside a character', () => {
		const rejected = cutAt(HEADER + entry('graphs') + title('lasers') + '\n\nWe');
		expect(rejected).toEqual({ heldBack: true, rejected: expect.objectContaining({ accepted: false, entries: [] }) });
		const bytes = Buffer.from(HEADER + entry('café networks'));
		expect(endsMidCharacter(bytes.subarray(0, bytes.indexOf('é') + 1))).toBe(true);
		expect(endsMidCharacter(bytes.subarray(0, bytes.indexOf('é') + 2))).toBe(false);
		expect(endsMidCharacter(Buffer.from('🙂').subarray(0, 3))).toBe(true);
		expect(endsMidCharacter(Buffer.from('x🙂'))).toBe(false);
	});

	it('tells a UTF-16 file cut inside a character by its byte-order mark, and UTF-8 as before', () => {
		const le = Buffer.from('\ufeffcafé 🙂', 'utf16le');
		for (const bytes of [le, Buffer.from(le).swap16()]) {
			const cutAtByte = (size: number) => cutMidCharacter(bytes.subarray(0, 2), bytes.subarray(size - 4, size), size);
			expect([bytes.length, bytes.length - 1, bytes.length - 2, bytes.length - 4].map(cutAtByte)).toEqual([false, true, true, false]);
		}
		const utf8 = Buffer.from('café 🙂');
		expect(cutMidCharacter(utf8.subarray(0, 2), utf8.subarray(-4, -1), utf8.length - 1)).toBe(true);
		expect(cutMidCharacter(utf8.subarray(0, 2), utf8.subarray(-4), utf8.length)).toBe(false);
	});
});
