import { describe, expect, it } from 'vitest';
import { renderPaperPost } from '../../src/bot/render/paper-post.ts';
import { LIMITS } from '../../src/bot/render/text.ts';
import type { PaperPost } from '../../src/delivery/post-sink.ts';
import type { Paper } from '../../src/papers/paper.ts';

const paper = (i: number): Paper => ({ id: `p${i}`, title: `Paper ${i}`, abstract: 'An abstract.', listings: [] });
const items = (topics: string[][]) => topics.map((caught, i) => ({ paper: paper(i), topics: caught }));

describe('the line that opens a digest', () => {
	it('says which digest, which part, how many papers in all, and how many each topic caught', () => {
		const post: PaperPost = {
			channelId: '1',
			items: items([['grokking', 'memorization'], ['grokking']]),
			digest: {
				period: 'weekly',
				date: '2026-12-07T09:00:00.000Z',
				part: 1,
				parts: 2,
				summary: {
					papers: 12,
					topics: [
						{ topic: 'grokking', papers: 12 },
						{ topic: 'memorization', papers: 1 },
					],
				},
			},
		};
		expect(renderPaperPost(post).content).toBe(
			'**Weekly paper digest, 7 December 2026** (part 1 of 2): 12 new papers (12 for `grokking`, 1 for `memorization`)',
		);
	});

	it('sums up its own papers in a daily digest formed before summaries were kept', () => {
		const post: PaperPost = {
			channelId: '1',
			items: items([['wombat'], ['wombat', 'scat']]),
			digest: { date: '2026-11-22T09:00:00.000Z', part: 1, parts: 1 },
		};
		expect(renderPaperPost(post).content).toBe('**Daily paper digest, 22 November 2026**: 2 new papers (2 for `wombat`, 1 for `scat`)');
	});

	it('keeps topics as code, mentions off, and within Discord’s limit, counting the topics that do not fit', () => {
		const topics = Array.from({ length: 25 }, (_, i) => `${i} @everyone \`x\` *${'long'.repeat(20)}*`);
		const post: PaperPost = {
			channelId: '1',
			items: items([topics]),
			digest: {
				period: 'daily',
				date: '2026-11-22T09:00:00.000Z',
				part: 1,
				parts: 1,
				summary: { papers: 40, topics: topics.map((topic) => ({ topic, papers: 2 })) },
			},
		};
		const rendered = renderPaperPost(post);
		expect(rendered.allowed_mentions).toEqual({ parse: [] });
		const content = rendered.content!;
		expect(content.length).toBeLessThanOrEqual(LIMITS.content);
		const shown = content.match(/2 for `[^`]*`/g)!;
		expect(shown.length).toBeGreaterThan(5);
		expect(content).toMatch(new RegExp(`, and ${25 - shown.length} more topics\\)$`));
		// Every code span closes, so nothing of a topic is read as Markdown.
		expect(content.split('`').length % 2).toBe(1);
		expect(shown[0]).toBe(`2 for \`0 @everyone 'x' *${'long'.repeat(20)}*\``);
	});
});
