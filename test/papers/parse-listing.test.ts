import { describe, expect, it } from 'vitest';
import { parseListing } from '../../src/papers/parse-listing.ts';
import { abstractAbout } from '../helpers.ts';

const HEADER = [
	'new',
	'',
	'Get trending papers in your email inbox!',
	'',
	'Subscribe',
	'',
	'Daily Papers',
	'',
	'byAK and the research community',
	'',
	'Mar 14',
	'',
];

function listing(...lines: string[]): string {
	return lines.join('\n');
}

describe('parseListing', () => {
	it('reads titles and abstracts under page chrome, with the listing date', () => {
		const text = listing(
			...HEADER,
			'Grokking at the Edge',
			'',
			abstractAbout('grokking'),
			'',
			'Label Noise Revisited',
			'',
			abstractAbout('label noise'),
		);
		const parsed = parseListing('a.txt', text);
		expect(parsed.accepted).toBe(true);
		expect(parsed.date).toBe('Mar 14');
		expect(parsed.entries.map((e) => e.title)).toEqual(['Grokking at the Edge', 'Label Noise Revisited']);
		expect(parsed.entries[1]!.abstract).toBe(abstractAbout('label noise'));
		expect(parsed.entries[1]!.line).toBe(17);
		expect(parsed.warnings).toEqual([]);
	});

	it('strips chrome glued to the first title and needs no blank lines', () => {
		const text = listing(
			'Get trending papers in your email inbox once a day!',
			'Get trending papers in your email inbox!',
			'SubscribeCURATRON: Complete Robust Preference Data',
			abstractAbout('preference data'),
			'OwLore: Outlier-weighed Layerwise Sampling',
			abstractAbout('low-rank fine-tuning'),
		);
		const parsed = parseListing('b.txt', text);
		expect(parsed.entries.map((e) => e.title)).toEqual([
			'CURATRON: Complete Robust Preference Data',
			'OwLore: Outlier-weighed Layerwise Sampling',
		]);
		expect(parsed.date).toBeUndefined();
	});

	it('strips glued chrome before digits but never cuts a real word', () => {
		const parsed = parseListing(
			'g.txt',
			listing(
				'Subscribe3D Common Corruptions',
				abstractAbout('x'),
				'Subscriber Churn Prediction',
				abstractAbout('y'),
				'newGAN Tricks',
				abstractAbout('z'),
			),
		);
		expect(parsed.entries.map((e) => e.title)).toEqual(['3D Common Corruptions', 'Subscriber Churn Prediction', 'GAN Tricks']);
	});

	it('keeps a name that only looks like glued chrome when its entry names it in full', () => {
		// arXiv 2025-07-14: "newASTROGAM" is a mission, not the "new" badge glued to "ASTROGAM".
		const abstract = 'newASTROGAM is a breakthrough mission concept for the study of the non-thermal Universe from space with gamma rays.';
		const parsed = parseListing(
			'n.txt',
			listing('newASTROGAM -- The New MeV to GeV Gamma-ray Observatory', abstract, 'newGAN Tricks', abstractAbout('GANs')),
		);
		expect(parsed.entries.map((e) => [e.title, e.abstract])).toEqual([
			['newASTROGAM -- The New MeV to GeV Gamma-ray Observatory', abstract],
			['GAN Tricks', abstractAbout('GANs')],
		]);
	});

	it('keeps titles that read like sentences as titles', () => {
		const text = listing(
			'First Paper',
			abstractAbout('one thing'),
			'Is Model Collapse Inevitable? Breaking the Curse of Recursion by Accumulating Real and Synthetic Data',
			abstractAbout('model collapse'),
		);
		const parsed = parseListing('c.txt', text);
		expect(parsed.entries).toHaveLength(2);
		expect(parsed.entries[1]!.title).toMatch(/^Is Model Collapse Inevitable\?/);
		expect(parsed.entries[0]!.abstract).toBe(abstractAbout('one thing'));
	});

	it('normalizes CRLF, a BOM, stray whitespace and decomposed Unicode', () => {
		const decomposed = 'Cafe\u0301 Models';
		const text = `\ufeff  Title  One \r\n\r\n ${abstractAbout('caf\u0065\u0301s')}  \r\n${decomposed}\r\n${abstractAbout('two')}\r\n`;
		const parsed = parseListing('d.txt', text);
		expect(parsed.entries.map((e) => e.title)).toEqual(['Title One', 'Caf\u00e9 Models']);
		expect(parsed.entries[0]!.abstract).toContain('caf\u00e9s');
		expect(parsed.entries[0]!.abstract).not.toMatch(/^\s|\s$/);
	});

	it('joins a second abstract paragraph instead of taking it for a paper', () => {
		const second =
			'A second paragraph continues the abstract. It gives more detail about the experiments and their outcome on several datasets.';
		const parsed = parseListing('e.txt', listing('A Title', abstractAbout('x'), second, 'Next Title', abstractAbout('y')));
		expect(parsed.entries.map((e) => e.title)).toEqual(['A Title', 'Next Title']);
		expect(parsed.entries[0]!.abstract).toBe(`${abstractAbout('x')}\n\n${second}`);
	});

	it('reports a truncated last entry and keeps the rest', () => {
		const parsed = parseListing('f.txt', listing('Complete Paper', abstractAbout('x'), 'Cut Short Paper'));
		expect(parsed.accepted).toBe(true);
		expect(parsed.entries.map((e) => e.title)).toEqual(['Complete Paper']);
		expect(parsed.warnings).toEqual([
			expect.objectContaining({ file: 'f.txt', line: 3, message: expect.stringMatching(/last entry "Cut Short Paper" has no abstract/) }),
		]);
	});

	it('warns when the last abstract stops mid-sentence', () => {
		const parsed = parseListing('g.txt', listing('Complete Paper', `${abstractAbout('x')} And then the file sto`));
		expect(parsed.entries).toHaveLength(1);
		expect(parsed.warnings[0]!.message).toMatch(/ends mid-sentence/);
	});

	it('reports an abstract whose title is missing at the top of a file', () => {
		const parsed = parseListing('top.txt', listing(...HEADER, abstractAbout('orphans'), 'Real Paper', abstractAbout('x')));
		expect(parsed.entries.map((e) => e.title)).toEqual(['Real Paper']);
		expect(parsed.warnings).toEqual([
			expect.objectContaining({ line: 13, message: expect.stringMatching(/^prose without a title before it/) }),
		]);
	});

	it('reports a title without abstract in the middle, with its line', () => {
		const parsed = parseListing('h.txt', listing('One', abstractAbout('x'), 'Orphan Title', 'Two', abstractAbout('y')));
		expect(parsed.entries.map((e) => e.title)).toEqual(['One', 'Two']);
		expect(parsed.warnings).toEqual([
			expect.objectContaining({ line: 3, message: expect.stringMatching(/"Orphan Title" has no abstract/) }),
		]);
	});

	it('rejects an empty file and a file with no papers, saying why', () => {
		expect(parseListing('empty.txt', '')).toMatchObject({
			accepted: false,
			entries: [],
			warnings: [{ severity: 'error', message: expect.stringMatching(/empty/) }],
		});
		const chromeOnly = parseListing('chrome.txt', listing(...HEADER));
		expect(chromeOnly.accepted).toBe(false);
		expect(chromeOnly.warnings[0]!.message).toMatch(/no papers found/);
	});

	it('skips an absurdly long line with a warning naming it', () => {
		const parsed = parseListing(
			'long.txt',
			listing('Real Paper', abstractAbout('x'), 'x'.repeat(5_000_000), 'Other Paper', abstractAbout('y')),
		);
		expect(parsed.entries).toHaveLength(2);
		expect(parsed.warnings).toEqual([expect.objectContaining({ line: 3, message: expect.stringMatching(/5,000,000 characters long/) })]);
	});

	it('rejects a listing it cannot make sense of instead of half-loading it', () => {
		const garbage = Array.from({ length: 10 }, (_, i) => `short line ${i}`);
		const parsed = parseListing('junk.txt', listing('Real Paper', abstractAbout('x'), ...garbage));
		expect(parsed.accepted).toBe(false);
		expect(parsed.entries).toEqual([]);
		expect(parsed.warnings.at(-1)).toMatchObject({ severity: 'error', message: expect.stringMatching(/could not make sense/) });
	});
});
