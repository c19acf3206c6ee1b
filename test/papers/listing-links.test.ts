import { copyFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPapers } from '../../src/cli/doctor-papers.ts';
import { loadLibrary, readListing } from '../../src/papers/load-listings.ts';
import type { ParsedListing } from '../../src/papers/parse-listing.ts';
import { openIndex } from '../../src/search/open-index.ts';
import { watchListings } from '../../src/sources/listing-watcher.ts';
import { SEEDS_DIR, useTempDir } from '../helpers.ts';

const tempDir = useTempDir();
const SEED = '002_1510b4e6a6bc60b9.txt'; // 60 papers, no warnings

/** A papers folder holding one good listing and every kind of link a listing name can wrongly be. */
function folderWithBadLinks(): string {
	const dir = join(tempDir(), 'papers');
	mkdirSync(dir);
	copyFileSync(join(SEEDS_DIR, SEED), join(dir, 'good.txt'));
	addBadLinks(dir);
	return dir;
}

function addBadLinks(dir: string): void {
	symlinkSync('b.txt', join(dir, 'a.txt'));
	symlinkSync('a.txt', join(dir, 'b.txt'));
	symlinkSync('self.txt', join(dir, 'self.txt'));
	symlinkSync('nowhere.txt', join(dir, 'gone.txt'));
	symlinkSync('..', join(dir, 'parent.txt'));
	// Not named as a listing: never looked into, so it can loop no reader.
	symlinkSync('.', join(dir, 'again'));
}

/** What each bad link is refused with, by name, in the order listings are read. */
const EXPECTED = Object.entries({
	'a.txt': 'a loop of symbolic links (a.txt → b.txt → a.txt); skipped',
	'b.txt': 'a loop of symbolic links (b.txt → a.txt → b.txt); skipped',
	'gone.txt': 'a symbolic link to nothing (gone.txt → nowhere.txt); skipped',
	'parent.txt': 'a folder (a symbolic link: parent.txt → ..), not a listing file; skipped',
	'self.txt': 'a loop of symbolic links (self.txt → self.txt); skipped',
}).map(([file, message]) => ({ file, severity: 'error', message }));

describe('a listing name that is a bad symbolic link', () => {
	it('is refused saying what it is, naming the links, when read', async () => {
		const dir = folderWithBadLinks();
		for (const { file, message } of EXPECTED)
			expect(await readListing(join(dir, file))).toEqual({
				file,
				entries: [],
				accepted: false,
				warnings: [{ file, severity: 'error', message }],
			});
	});

	it('is warned of at start-up, on a fresh build and on a snapshot, and the good listings load', async () => {
		const dir = folderWithBadLinks();
		const indexDir = tempDir();
		const built = await openIndex({ papersDir: dir, indexDir });
		expect(built).toMatchObject({ loaded: false, warnings: EXPECTED, listings: ['good.txt'] });
		expect(built.manifest.papers).toBe(60);
		const loaded = await openIndex({ papersDir: dir, indexDir });
		expect(loaded).toMatchObject({ loaded: true, warnings: EXPECTED, reason: 'the listings are unchanged' });
		expect((await loadLibrary(dir)).warnings).toEqual(EXPECTED);
	});

	it('is listed by doctor as a rejected listing', async () => {
		const dir = folderWithBadLinks();
		const finding = await checkPapers(dir);
		expect(finding).toMatchObject({ status: 'warning', message: `${dir}: 6 listing files, 60 papers, 5 listings rejected, 5 warnings` });
		expect(finding.details).toEqual(EXPECTED.map(({ file, message }) => `error: ${file}: ${message}`));
	});

	it('is told of once by the watcher when made while it watches, as a rejected listing', async () => {
		const dir = join(tempDir(), 'papers');
		mkdirSync(dir);
		const listings: ParsedListing[] = [];
		const watcher = await watchListings(dir, {
			settleMs: 50,
			scanMs: 100,
			onListing: async (listing) => void listings.push(listing),
			onProblem: () => {},
		});
		try {
			addBadLinks(dir);
			await expect.poll(() => listings.length, { timeout: 4000 }).toBe(EXPECTED.length);
			// Rescans (every 100 ms here) see the same links: nothing more to tell.
			await new Promise((resolve) => setTimeout(resolve, 500));
			const told = listings.map((listing) => listing.warnings[0]).sort((a, b) => a!.file.localeCompare(b!.file));
			expect(told).toEqual(EXPECTED);
			expect(listings.every((listing) => !listing.accepted)).toBe(true);
		} finally {
			await watcher.close();
		}
	});
});
