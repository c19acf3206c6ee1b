import { describe, expect, it } from 'vitest';
import { renderPaper } from '../../src/bot/render/paper-detail.ts';
import { describeTopicRefusal } from '../../src/bot/render/topic-refusal.ts';
import { renderPaperPost } from '../../src/bot/render/paper-post.ts';
import { renderSearchPage, type SearchPage } from '../../src/bot/render/search-page.ts';
import { escape, fit, LIMITS } from '../../src/bot/render/text.ts';
import type { Paper } from '../../src/papers/paper.ts';
import type { SearchResult } from '../../src/search/search-result.ts';

const hostile = '@everyone **bold** <@&123> [click](https://evil.example) # Heading\n-# tiny\n> quote `code` ||spoiler|| 😀';

function paper(i: number, title: string, abstract: string): Paper {
	return { id: `id${i}`, title, abstract, listings: [{ file: `listing-${i}.txt`, date: 'Mar 14' }] };
}

function result(p: Paper): SearchResult {
	return {
		paper: p,
		score: 1.5,
		matches: [{ word: 'everyone', matched: 'everyone', field: 'title', kind: 'exact' }],
		snippet: { text: p.abstract.slice(0, 240), highlights: [[0, 8]] },
	};
}

function embedLength(embed: {
	title?: string;
	description?: string;
	footer?: { text: string };
	fields?: { name: string; value: string }[];
}): number {
	return (
		(embed.title?.length ?? 0) +
		(embed.description?.length ?? 0) +
		(embed.footer?.text.length ?? 0) +
		(embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
	);
}

describe('fit', () => {
	it('escapes Markdown, block quotes and subtext', () => {
		expect(escape('**x** _y_ [a](b)')).toBe('\\*\\*x\\*\\* \\_y\\_ \\[a\\]\\(b\\)');
		expect(escape('-# small\n> quote\n1. one\n - two')).toBe('\\-\\# small\n\\> quote\n1\\. one\n \\- two');
		expect(escape('test-time adaptation, 1.5 points')).toBe('test-time adaptation, 1.5 points');
	});

	it('never splits a character or an escape, and marks the cut', () => {
		const emoji = '😀'.repeat(200);
		const cut = fit(emoji, 101);
		expect(cut.endsWith('…')).toBe(true);
		expect(cut.length).toBeLessThanOrEqual(101);
		expect(cut.slice(0, -1)).toBe('😀'.repeat(50));
		const stars = fit('*'.repeat(100), 11);
		expect(stars).toBe(`${'\\*'.repeat(5)}…`);
		expect(fit('short', 10)).toBe('short');
	});
});

describe('fit on arbitrary text', () => {
	it('keeps the longest whole-character prefix that fits with its escapes, then trims it', () => {
		const alphabet = ['a', 'Z', '7', ' ', '\n', '-', '+', '.', '*', '\\', '_', '#', '>', '😀', 'é', '\t'];
		let seed = 7;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		for (let run = 0; run < 2000; run++) {
			const raw = Array.from({ length: Math.floor(random() * 40) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
			const limit = 1 + Math.floor(random() * 50);
			for (const markdown of [true, false]) {
				const render = markdown ? escape : (text: string) => text;
				const cut = fit(raw, limit, { markdown });
				if (render(raw).length <= limit) {
					expect(cut).toBe(render(raw));
					continue;
				}
				const points = Array.from(raw);
				let kept = 0;
				while (kept < points.length && render(points.slice(0, kept + 1).join('')).length + 1 <= limit) kept++;
				expect(cut).toBe(`${render(points.slice(0, kept).join('').trimEnd())}…`);
				expect(cut.length).toBeLessThanOrEqual(limit);
			}
		}
	});
});

describe('renderSearchPage', () => {
	it('keeps five huge hostile results inside every embed limit, mentions disabled', () => {
		const results = Array.from({ length: 5 }, (_, i) => result(paper(i + 5, `${hostile} `.repeat(40), `${hostile} `.repeat(400))));
		const page: SearchPage = { sessionId: 'abc', query: `${hostile}`.repeat(20), index: 1, total: 12, results };
		const message = renderSearchPage(page);
		expect(message.allowedMentions).toEqual({ parse: [] });
		expect(message.content.length).toBeLessThanOrEqual(LIMITS.content);
		const embeds = message.embeds as { title: string; description: string; url: string }[];
		expect(embeds).toHaveLength(5);
		expect(embeds[0]!.title.startsWith('6. ')).toBe(true);
		for (const embed of embeds) {
			expect(embed.title.length).toBeLessThanOrEqual(LIMITS.embedTitle);
			expect(embed.description).not.toMatch(/(?<!\\)\[click\]\(/);
			expect(embed.url).toMatch(/^https:\/\/arxiv\.org\/search\/\?searchtype=title&query=/);
		}
		expect(embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedsTotal);
		const [menu, pager, save, similar] = message.components as unknown as readonly {
			components: { custom_id: string; disabled?: boolean; max_values?: number; options?: { label: string; value: string }[] }[];
		}[];
		expect(save!.components[0]).toMatchObject({ custom_id: 'save', max_values: 5 });
		expect(save!.components[0]!.options!.map((option) => option.value)).toEqual(page.results.map((result) => result.paper.id));
		expect(save!.components[0]!.options![0]!.label).toMatch(/^6\. /);
		expect(menu!.components[0]!.options).toHaveLength(5);
		for (const option of [...menu!.components[0]!.options!, ...similar!.components[0]!.options!])
			expect(option.label.length).toBeLessThanOrEqual(LIMITS.selectLabel);
		expect(similar!.components[0]!.options!.map((option) => option.label.split('.')[0])).toEqual(['6', '7', '8', '9', '10']);
		expect(pager!.components.map((c) => [c.custom_id, c.disabled])).toEqual([
			['search:abc:0:Previous', false],
			['search:abc:1:page', true],
			['search:abc:2:Next', false],
		]);
		expect(message.content).toMatch(/^Results 6–10 of 12 for/);
		// Without a session the menus stay: abstracts, Save and Similar.
		expect(renderSearchPage(page, { paging: false }).components).toHaveLength(3);
	});

	it('bolds the matched words of the snippet', () => {
		const page: SearchPage = {
			sessionId: 's',
			query: 'q',
			index: 0,
			total: 1,
			results: [result(paper(1, 'T', 'grokking is a *surprising* thing'))],
		};
		const [embed] = renderSearchPage(page).embeds as { description: string }[];
		expect(embed!.description.split('\n')[0]).toBe('**grokking** is a \\*surprising\\* thing');
	});
});

describe('renderPaper', () => {
	it('shows a whole long abstract within the description limit', () => {
		const message = renderPaper(paper(1, hostile, 'x'.repeat(10_000)));
		const [embed] = message.embeds as { title: string; description: string }[];
		expect(embed!.description.length).toBeLessThanOrEqual(LIMITS.embedDescription);
		expect(embed!.title).toContain('\\*\\*bold\\*\\*');
		expect(message.allowedMentions).toEqual({ parse: [] });
	});
});

describe('paper posts', () => {
	it('fit ten long papers into one message within every Discord limit, mentions off', () => {
		const long = (i: number): Paper => ({
			...paper(
				i,
				`${hostile} ${'A very long title about grokking and modular arithmetic '.repeat(8)}`,
				`${'Grokking is studied here with **care** and @everyone. '.repeat(60)}`,
			),
			authors: Array.from({ length: 9 }, (_, a) => `Author Number ${a} With A Rather Long Double-Barrelled Name`),
			listings: Array.from({ length: 6 }, (_, l) => ({ file: `a-very-long-listing-file-name-${l}.txt`, date: 'Mar 14' })),
		});
		const topics = ['grokking', `"modular arithmetic" ${'-survey '.repeat(10)}`.trim()];
		const post = renderPaperPost({ channelId: '1', items: Array.from({ length: 10 }, (_, i) => ({ paper: long(i), topics })) });
		expect(post.embeds).toHaveLength(10);
		expect(post.embeds!.reduce((sum, embed) => sum + embedLength(embed as Parameters<typeof embedLength>[0]), 0)).toBeLessThanOrEqual(
			LIMITS.embedsTotal,
		);
		for (const embed of post.embeds!) {
			expect(embed.title!.length).toBeLessThanOrEqual(LIMITS.embedTitle);
			expect(embed.description).toMatch(/\*\*Grokking\*\*/);
			expect(embed.description).not.toContain('@everyone **');
		}
		expect(post.content!.length).toBeLessThanOrEqual(LIMITS.content);
		expect(post.allowed_mentions).toEqual({ parse: [] });
		const single = renderPaperPost({ channelId: '1', items: [{ paper: long(0), topics }] });
		expect(embedLength(single.embeds![0] as Parameters<typeof embedLength>[0])).toBeGreaterThan(
			embedLength(post.embeds![0] as Parameters<typeof embedLength>[0]),
		);
	});
});

describe('refused topics', () => {
	it('say why, naming the refused and the followed topic, their backticks defused', () => {
		expect(describeTopicRefusal({ code: 'topic_already_followed', followed: 'Grokking', asked: 'grokking' })).toBe(
			'The channel already follows `Grokking` (the same topic as `grokking`).',
		);
		expect(describeTopicRefusal({ code: 'topic_already_followed', followed: 'a`b', asked: 'a`b' })).toBe(
			"The channel already follows `a'b`.",
		);
		expect(describeTopicRefusal({ code: 'topic_limit', limit: 25 })).toMatch(/follows 25 topics, the most it can/);
		expect(describeTopicRefusal({ code: 'topic_not_followed' })).toMatch(/`\/paper subscriptions` lists what it follows/);
		expect(describeTopicRefusal({ code: 'topic_too_long', limit: 100, length: 140 })).toMatch(/at most 100 characters; this one has 140/);
	});
});
