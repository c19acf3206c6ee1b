import { cpSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paperIdFor } from '../../src/papers/normalize.ts';
import { loadLibrary, readListing } from '../../src/papers/load-listings.ts';
import { abstractAbout, SEEDS_DIR, useTempDir } from '../helpers.ts';

const tempDir = useTempDir();

describe('loadLibrary', () => {
	it('loads the seed listings: 750 entries, 675 distinct papers, no warnings', async () => {
		const library = await loadLibrary(SEEDS_DIR);
		expect(library.size).toBe(675);
		expect(library.warnings).toEqual([]);
		const papers = [...library.all()];
		expect(papers.reduce((sum, paper) => sum + paper.listings.length, 0)).toBe(750);
		// No chrome in any title, no abstract taken for a title.
		for (const paper of papers) {
			expect(paper.title).not.toMatch(/Subscribe|Get trending|byAK|Daily Papers/);
			expect(paper.title.length).toBeLessThan(200);
			expect(paper.abstract.length).toBeGreaterThan(paper.title.length);
		}
		const curatron = papers.find((paper) => paper.title.startsWith('CURATRON'));
		expect(curatron?.title).toBe('CURATRON: Complete Robust Preference Data for Robust Alignment of Large Language Models');
	});

	it('merges the same paper from several listings, remembering each with its date', async () => {
		const library = await loadLibrary(SEEDS_DIR);
		const paper = library.get(paperIdFor('Benign Overfitting and Grokking in ReLU Networks for XOR Cluster Data'));
		expect(paper?.listings).toEqual([
			{ file: '000_e0245a0a4af11ce5.txt', date: 'Mar 14' },
			{ file: '002_1510b4e6a6bc60b9.txt', date: 'Oct 1' },
		]);
	});

	it('gives the same identity to titles that differ only in case, accents and punctuation', () => {
		expect(paperIdFor('Café: A Study')).toBe(paperIdFor('cafe a study.'));
		expect(paperIdFor('Café: A Study')).not.toBe(paperIdFor('Cafe A Survey'));
	});

	it('reports bad files by name and still loads the good ones', async () => {
		const dir = tempDir();
		cpSync(join(SEEDS_DIR, '002_1510b4e6a6bc60b9.txt'), join(dir, 'good.txt'));
		writeFileSync(join(dir, 'empty.txt'), '');
		writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
		writeFileSync(join(dir, 'latin1.txt'), Buffer.from(`Caf\xe9 Networks\n${abstractAbout('caf\xe9s')}\n`, 'latin1'));
		writeFileSync(join(dir, 'notes.md'), 'not a listing');
		const library = await loadLibrary(dir);
		expect(library.size).toBe(61);
		expect(library.get(paperIdFor('Café Networks'))?.title).toBe('Café Networks');
		const messages = library.warnings.map((w) => `${w.file}: ${w.message}`);
		expect(messages).toEqual([
			'binary.txt: binary data, not a text listing (a listing is text: UTF-8, UTF-16 or Windows-1252)',
			'empty.txt: no papers found: the file is empty',
			'latin1.txt: not valid UTF-8; read as Windows-1252',
		]);
	});

	it('reads a 50 MB listing without trouble', async () => {
		const dir = tempDir();
		const entry = (i: number) =>
			`Synthetic Paper Number ${i}\n\n${abstractAbout(`topic ${i}`)} ${'Filler sentence about results. '.repeat(40)}\n\n`;
		const count = 37_000;
		writeFileSync(join(dir, 'big.txt'), Array.from({ length: count }, (_, i) => entry(i)).join(''));
		expect(statSync(join(dir, 'big.txt')).size).toBeGreaterThan(50_000_000);
		const listing = await readListing(join(dir, 'big.txt'));
		expect(listing.entries).toHaveLength(count);
		expect(listing.warnings).toEqual([]);
	});
});
