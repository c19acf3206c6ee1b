import { describe, expect, it } from 'vitest';
import { parseListing } from '../../src/papers/parse-listing.ts';
import { abstractAbout } from '../helpers.ts';

const HEADER = [
	'new',
	'Get trending papers in your email inbox!',
	'Subscribe',
	'Daily Papers',
	'byAK and the research community',
	'Mar 14',
];

const parse = (...lines: string[]) => parseListing('s.txt', lines.join('\n'));

describe('lines parseListing skips', () => {
	it('are silent when they are known page chrome or a date', () => {
		const parsed = parse(...HEADER, 'Paper', abstractAbout('x'));
		expect(parsed.entries.map((entry) => entry.line)).toEqual([7]);
		expect(parsed.warnings).toEqual([]);
	});

	it('are told of once when they are unknown short lines before the first paper', () => {
		const parsed = parse(...HEADER, 'Trending Papers', 'Lost Title Without Abstract', 'Paper', abstractAbout('x'));
		expect(parsed.entries.map((entry) => entry.title)).toEqual(['Paper']);
		expect(parsed.warnings).toEqual([
			{
				file: 's.txt',
				line: 7,
				severity: 'warning',
				message:
					'skipped 2 short lines before the first paper as page header, from "Trending Papers"; any paper among them lacks its abstract',
			},
		]);
	});

	it('name the file and line of titles at the top of a real listing whose abstracts are missing', () => {
		const parsed = parseListing(
			'2025-07-10.txt',
			['2025-07-10', 'First Title', 'Second Title', 'Third Title', abstractAbout('x')].join('\n\n'),
		);
		expect(parsed.entries.map((entry) => entry.title)).toEqual(['Third Title']);
		expect(parsed.warnings).toEqual([
			expect.objectContaining({
				file: '2025-07-10.txt',
				line: 3,
				message: expect.stringMatching(/^skipped 2 short lines before the first paper/),
			}),
		]);
	});

	it('name a line before the first paper too long for a title and too plain for an abstract', () => {
		const words = Array.from({ length: 55 }, (_, i) => `word${i}`).join(' ');
		const parsed = parse(words, 'Paper', abstractAbout('x'));
		expect(parsed.entries).toHaveLength(1);
		expect(parsed.warnings).toEqual([
			expect.objectContaining({ line: 1, message: expect.stringMatching(/^line of \d+ characters is neither a title nor an abstract/) }),
		]);
	});

	it('are each named after the first paper, whatever they are', () => {
		const long = Array.from({ length: 55 }, (_, i) => `word${i}`).join(' ');
		const parsed = parse(
			'One',
			abstractAbout('x'),
			'Two',
			abstractAbout('y'),
			'Three',
			abstractAbout('z'),
			long,
			'Title Alone',
			'Complexity Results of Persuasion',
			'We prove that persuasion is an NP-complete problem.',
			'Four',
			abstractAbout('w'),
			'Orphan',
			'Five',
			abstractAbout('v'),
			'Dangling',
		);
		expect(parsed.accepted).toBe(true);
		expect(parsed.entries.map((entry) => entry.title)).toEqual(['One', 'Two', 'Three', 'Complexity Results of Persuasion', 'Four', 'Five']);
		expect(parsed.warnings.map((warning) => warning.line)).toEqual([7, 8, 13, 16]);
	});

	it('are named with the sentence after them when a title and a short sentence are followed by no entry', () => {
		const parsed = parse(
			'One',
			abstractAbout('x'),
			'Complexity Results of Persuasion',
			'We prove that persuasion is an NP-complete problem.',
			'Orphan',
			'Two',
			abstractAbout('y'),
		);
		expect(parsed.entries.map((entry) => entry.title)).toEqual(['One', 'Two']);
		expect(parsed.warnings.map((warning) => [warning.line, warning.message.slice(0, 40)])).toEqual([
			[3, '"Complexity Results of Persuasion" and t'],
			[5, '"Orphan" has no abstract after it; skipp'],
		]);
	});
});
