import { describe, expect, it } from 'vitest';
import { parseListing } from '../../src/papers/parse-listing.ts';
import { abstractAbout } from '../helpers.ts';

// Real one-sentence papers of the arXiv corpus (2025-07-10 and 2026-03-10).
const PERSUASION = ['Complexity Results of Persuasion', 'We prove that persuasion is an NP-complete problem.'];
const MEAN_PAYOFF = [
	'A symmetric recursive algorithm for mean-payoff games',
	'We propose a new deterministic symmetric recursive algorithm for solving mean-payoff games.',
];

/** The real listing format: a date, then title and abstract lines, blank lines between. */
function listing(...lines: string[]): string {
	return ['2025-07-10', ...lines].join('\n\n');
}

const titles = (text: string) => parseListing('one.txt', text).entries.map((entry) => entry.title);

describe('one-sentence abstracts', () => {
	it('are abstracts between papers, at the end, and in a row', () => {
		const parsed = parseListing(
			'one.txt',
			listing(
				'Before',
				abstractAbout('x'),
				...PERSUASION,
				...MEAN_PAYOFF,
				'After',
				abstractAbout('y'),
				...PERSUASION.map((line) => `${line} `),
			),
		);
		expect(parsed.entries.map((entry) => entry.title)).toEqual(['Before', PERSUASION[0], MEAN_PAYOFF[0], 'After', PERSUASION[0]]);
		expect(parsed.entries[1]).toEqual({ title: PERSUASION[0], abstract: PERSUASION[1], line: 7 });
		expect(parsed.warnings).toEqual([]);
	});

	it('are abstracts when their paper opens the file, or is all there is', () => {
		expect(titles(listing(...PERSUASION, 'After', abstractAbout('y')))).toEqual([PERSUASION[0], 'After']);
		const alone = parseListing('one.txt', listing(...PERSUASION));
		expect(alone).toMatchObject({ accepted: true, date: '2025-07-10', warnings: [] });
		expect(alone.entries.map((entry) => entry.abstract)).toEqual([PERSUASION[1]]);
	});

	it('are abstracts without a full stop too, but never silently', () => {
		const title = 'A conclusive remark on linguistic theorizing and language modeling';
		const abstract = 'This is the final remark on the replies received to my target paper in the Italian Journal of Linguistics';
		const parsed = parseListing('one.txt', listing('Before', abstractAbout('x'), title, abstract, 'After', abstractAbout('y')));
		expect(parsed.entries.map((entry) => entry.abstract)).toEqual([abstractAbout('x'), abstract, abstractAbout('y')]);
		expect(parsed.warnings).toEqual([
			expect.objectContaining({
				line: 7,
				message: expect.stringMatching(
					/^read "This is the final remark.*", a sentence with no full stop, as the abstract of "A conclusive/,
				),
			}),
		]);
	});

	it('never turn a title that lost its abstract into the abstract of another', () => {
		const parsed = parseListing(
			'one.txt',
			listing('One', abstractAbout('x'), 'Orphan Title', 'Scaling Laws for Sparse Models', 'Two', abstractAbout('y')),
		);
		expect(parsed.entries.map((entry) => entry.title)).toEqual(['One', 'Two']);
		expect(parsed.warnings.map((warning) => warning.line)).toEqual([7, 9]);
	});

	it('are not taken for titles: a paper after a sentence-like title keeps its own abstract', () => {
		const parsed = parseListing('one.txt', listing('One', abstractAbout('x'), 'Orphan Title', ...PERSUASION, 'Two', abstractAbout('y')));
		expect(parsed.entries.map((entry) => entry.title)).toEqual(['One', PERSUASION[0], 'Two']);
		expect(parsed.warnings).toEqual([expect.objectContaining({ line: 7, message: '"Orphan Title" has no abstract after it; skipped' })]);
	});

	it('are named when no paper follows them at the top of a file', () => {
		const parsed = parseListing('one.txt', listing(...PERSUASION, 'Lost Title', 'Real Paper', abstractAbout('x')));
		expect(parsed.entries.map((entry) => entry.title)).toEqual(['Real Paper']);
		expect(parsed.warnings[0]).toMatchObject({
			file: 'one.txt',
			line: 3,
			message: expect.stringMatching(
				/^"Complexity Results of Persuasion" and the short sentence after it read as a title and its abstract, but no entry follows them/,
			),
		});
	});

	it('are named when their title is missing at the top of a file', () => {
		const parsed = parseListing('one.txt', listing(PERSUASION[1]!, 'Real Paper', abstractAbout('x')));
		expect(parsed.entries.map((entry) => entry.title)).toEqual(['Real Paper']);
		expect(parsed.warnings).toEqual([
			expect.objectContaining({ line: 3, message: `a sentence without a title before it ("${PERSUASION[1]}"); skipped` }),
		]);
	});
});
