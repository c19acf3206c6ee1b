import { describe, expect, it } from 'vitest';
import { renderCitation } from '../../src/bot/render/citation.ts';
import { renderReadingList, SAVED_PAGE_SIZE } from '../../src/bot/render/reading-list.ts';
import { describeSaveOutcome, saveMenuRow } from '../../src/bot/render/save-menu.ts';
import { LIMITS } from '../../src/bot/render/text.ts';
import type { SavedPaper } from '../../src/reading-lists/reading-lists.ts';

const hostile = (n: number): SavedPaper => ({
	id: `p${n}`,
	title: `${n} [click](https://evil.example) @everyone **bold** ${'very long title words '.repeat(30)}`,
	listings: [{ file: 'listing.txt' }],
	authors: Array.from({ length: 8 }, (_, i) => `Author_${i} *Name*`),
	savedAt: '2026-12-01T00:00:00.000Z',
});

describe('reading list messages', () => {
	it('keeps a page of ten hostile papers inside Discord’s limits, markup escaped, each paper removable', () => {
		const papers = Array.from({ length: SAVED_PAGE_SIZE }, (_, n) => hostile(n));
		const message = renderReadingList({ papers, index: 1, total: 25 });
		const description = message.embeds[0]!.description;
		expect(description.length).toBeLessThanOrEqual(LIMITS.embedDescription);
		expect(description).not.toMatch(/(?<!\\)\[click\]/);
		expect(description).not.toMatch(/(?<!\\)\*\*bold/);
		expect(description.split('\n')[0]).toMatch(/^11\. /);
		expect(message.allowedMentions).toEqual({ parse: [] });
		const [remove, pager] = message.components as unknown as { components: { custom_id: string; options?: { label: string }[] }[] }[];
		expect(remove!.components[0]!.custom_id).toBe('unsave:1');
		for (const option of remove!.components[0]!.options!) expect(option.label.length).toBeLessThanOrEqual(LIMITS.selectLabel);
		expect(pager!.components.map((button) => button.custom_id)).toEqual(['saved:0:Previous', 'saved:1:2 / 3', 'saved:2:Next']);
	});

	it('offers every paper of a post in the Save menu, and words what a save did', () => {
		expect(saveMenuRow([hostile(1), hostile(2)]).components[0]).toMatchObject({ custom_id: 'save', min_values: 1, max_values: 2 });
		const text = describeSaveOutcome(
			{ saved: [hostile(1)], alreadySaved: [hostile(2)], refused: [{ ...hostile(3), abstract: '' }], total: 500 },
			1,
			500,
		);
		expect(text.split('\n')).toHaveLength(5);
		expect(text).toMatch(/^Saved “1 \\\[click\\\]/);
		expect(text).toMatch(/holds 500 papers, the most it can/);
		expect(text).toMatch(/It has 500 papers; `\/paper saved` shows it\.$/);
	});

	it('sends a citation too long for a message, or one with three backticks, as a .bib file', () => {
		const paper = { id: 'c1', title: 'Grokking @everyone *now*', listings: [{ file: 'a.txt' }], authors: ['Ada Lovelace'] };
		expect(renderCitation(paper).content).toBe(
			'BibTeX for “Grokking @everyone \\*now\\*”:\n```bibtex\n@misc{lovelacegrokking,\n  title = {Grokking @everyone *now*},\n  author = {Ada Lovelace},\n  note = {Listed in a.txt}\n}\n```',
		);
		const long = renderCitation({ ...paper, authors: Array.from({ length: 200 }, (_, i) => `Author Number${i}`) });
		expect(long.content).toBe('BibTeX for “Grokking @everyone \\*now\\*”, as a file (`number0grokking`):');
		expect(long.files).toMatchObject([{ name: 'number0grokking.bib' }]);
		expect(renderCitation({ ...paper, title: 'Code ```here```' }).files).toHaveLength(1);
	});
});
