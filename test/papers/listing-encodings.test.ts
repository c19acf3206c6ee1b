import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { listingFiles, loadLibrary, readListing } from '../../src/papers/load-listings.ts';
import { abstractAbout, SEEDS_DIR, useTempDir } from '../helpers.ts';

const tempDir = useTempDir();
const SEED = '002_1510b4e6a6bc60b9.txt';
const TEXT = `2025-07-10\n\nCafé Networks\n\n${abstractAbout('cafés')}\n\nSecond Paper\n\n${abstractAbout('more')}\n`;

function utf16be(text: string): Buffer {
	return Buffer.from(`\ufeff${text}`, 'utf16le').swap16();
}

describe('gzip listings', () => {
	it('are read as the text they hold', async () => {
		const dir = tempDir();
		writeFileSync(join(dir, `${SEED}.gz`), gzipSync(readFileSync(join(SEEDS_DIR, SEED))));
		const [plain, packed] = await Promise.all([readListing(join(SEEDS_DIR, SEED)), readListing(join(dir, `${SEED}.gz`))]);
		expect(packed).toEqual({ ...plain, file: `${SEED}.gz` });
		expect(packed.entries).toHaveLength(60);
	});

	it('are listed and loaded alongside plain ones', async () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'b.txt.gz'), gzipSync(TEXT));
		writeFileSync(join(dir, 'a.txt'), readFileSync(join(SEEDS_DIR, SEED)));
		writeFileSync(join(dir, 'c.gz'), gzipSync(TEXT));
		writeFileSync(join(dir, '.hidden.txt.gz'), gzipSync(TEXT));
		expect(await listingFiles(dir)).toEqual([join(dir, 'a.txt'), join(dir, 'b.txt.gz')]);
		const library = await loadLibrary(dir);
		expect(library.size).toBe(62);
		expect(library.warnings).toEqual([]);
	});

	it('are refused, saying so, when they unpack to more than the limit', async () => {
		const dir = tempDir();
		const path = join(dir, 'bomb.txt.gz');
		writeFileSync(path, gzipSync(TEXT.repeat(5_000)));
		expect((await readListing(path)).entries).toHaveLength(10_000);
		const limited = await readListing(path, 64 * 1024);
		expect(limited).toMatchObject({ accepted: false, entries: [] });
		expect(limited.warnings).toEqual([
			{ file: 'bomb.txt.gz', severity: 'error', message: 'unpacks to over the 0.1 MiB limit for a listing' },
		]);
	});

	it('are refused, saying why, when cut short or not gzip at all', async () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'cut.txt.gz'), gzipSync(TEXT.repeat(100)).subarray(0, 200));
		writeFileSync(join(dir, 'plain.txt.gz'), TEXT);
		const [cut, plain] = await Promise.all([readListing(join(dir, 'cut.txt.gz')), readListing(join(dir, 'plain.txt.gz'))]);
		expect(cut.warnings).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringMatching(/^gzip data ends early/) })]);
		expect(plain.warnings).toEqual([
			expect.objectContaining({ severity: 'error', message: expect.stringMatching(/^not readable as gzip: /) }),
		]);
	});
});

describe('UTF-16 listings', () => {
	it('are decoded when a byte-order mark says which UTF-16, gzipped or not', async () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'le.txt'), Buffer.from(`\ufeff${TEXT}`, 'utf16le'));
		writeFileSync(join(dir, 'be.txt'), utf16be(TEXT));
		writeFileSync(join(dir, 'be.txt.gz'), gzipSync(utf16be(TEXT)));
		for (const name of ['le.txt', 'be.txt', 'be.txt.gz']) {
			const listing = await readListing(join(dir, name));
			expect(listing).toMatchObject({ accepted: true, date: '2025-07-10', warnings: [] });
			expect(listing.entries.map((entry) => entry.title)).toEqual(['Café Networks', 'Second Paper']);
			expect(listing.entries[0]!.abstract).toBe(abstractAbout('cafés'));
		}
	});

	it('are read with a warning when cut mid-character', async () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'odd.txt'), Buffer.concat([Buffer.from(`\ufeff${TEXT}`, 'utf16le'), Buffer.from([0x41])]));
		const listing = await readListing(join(dir, 'odd.txt'));
		expect(listing.entries).toHaveLength(2);
		expect(listing.warnings[0]).toEqual({
			file: 'odd.txt',
			severity: 'warning',
			message: 'not valid UTF-16LE; unreadable characters replaced',
		});
	});
});

describe('a seed listing saved in another encoding', () => {
	const seed = readFileSync(join(SEEDS_DIR, SEED), 'utf8');
	const le = (text: string) => Buffer.from(text, 'utf16le');

	it('parses to the very papers of the UTF-8 file, whichever byte-order mark it starts with', async () => {
		const dir = tempDir();
		const plain = await readListing(join(SEEDS_DIR, SEED));
		const encoded = { 'le.txt': le(`\ufeff${seed}`), 'be.txt': utf16be(seed), 'utf8-bom.txt': Buffer.from(`\ufeff${seed}`) };
		for (const [name, bytes] of Object.entries(encoded)) {
			writeFileSync(join(dir, name), bytes);
			expect(await readListing(join(dir, name))).toEqual({ ...plain, file: name });
		}
		expect(plain.entries).toHaveLength(60);
	});

	it('is read as UTF-16 without a byte-order mark too, saying how it was told', async () => {
		const dir = tempDir();
		const plain = await readListing(join(SEEDS_DIR, SEED));
		for (const [name, bytes] of [
			['le.txt', le(seed)],
			['be.txt', le(seed).swap16()],
		] as const) {
			writeFileSync(join(dir, name), bytes);
			const listing = await readListing(join(dir, name));
			expect(listing.entries).toEqual(plain.entries);
			const encoding = name === 'le.txt' ? 'UTF-16LE' : 'UTF-16BE';
			expect(listing.warnings).toEqual([
				{ file: name, severity: 'warning', message: `no byte-order mark, but its zero bytes are those of UTF-16; read as ${encoding}` },
			]);
		}
	});

	it('is refused, naming what it is, when it is no text Paperboy reads', async () => {
		const dir = tempDir();
		const utf32 = Buffer.alloc(seed.length * 4 + 4);
		utf32.writeUInt32LE(0xfeff, 0);
		for (let i = 0; i < seed.length; i++) utf32.writeUInt32LE(seed.charCodeAt(i), 4 + i * 4);
		const files: Record<string, Buffer> = {
			'utf32.txt': utf32,
			'utf32be.txt': Buffer.from(utf32).swap32(),
			'page.txt': Buffer.concat([Buffer.from('%PDF-1.7\n'), gzipSync(seed)]),
			'packed.txt': gzipSync(seed),
			'random.txt': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
		};
		const refusals: Record<string, string> = {};
		for (const [name, bytes] of Object.entries(files)) {
			writeFileSync(join(dir, name), bytes);
			const listing = await readListing(join(dir, name));
			expect(listing).toMatchObject({ accepted: false, entries: [] });
			refusals[name] = listing.warnings[0]!.message;
		}
		expect(refusals).toEqual({
			'utf32.txt': 'UTF-32LE text (its byte-order mark says so), which is not read: save it as UTF-8',
			'utf32be.txt': 'UTF-32BE text (its byte-order mark says so), which is not read: save it as UTF-8',
			'page.txt': 'a PDF document, not a text listing: save the page as text',
			'packed.txt': 'gzip data in a file named .txt: name it .txt.gz',
			'random.txt': 'binary data, not a text listing (a listing is text: UTF-8, UTF-16 or Windows-1252)',
		});
	});
});
