import { ButtonStyle, ComponentType, MessageFlags, type APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { renderPaperPost } from '../../src/bot/render/paper-post.ts';
import { renderSimilar } from '../../src/bot/render/similar-papers.ts';
import { LIMITS } from '../../src/bot/render/text.ts';
import type { Paper } from '../../src/papers/paper.ts';

const hostile = '@everyone **bold** <@&123> [click](https://evil.example) # Heading ||spoiler||';
const paper = (i: number): Paper => ({
	id: `id${i}`,
	title: `${hostile} ${'A very long title about grokking '.repeat(10)}`,
	abstract: `${hostile} ${'Grokking and weight decay, studied with care. '.repeat(80)}`,
	listings: [{ file: `listing-${i}.txt`, date: 'Mar 14' }],
});
const textOf = (embed: APIEmbed) => (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);

describe('similar papers, rendered', () => {
	it('keeps five hostile papers inside every limit, escaped, saying what each shares, mentions off', () => {
		const results = [1, 2, 3, 4, 5].map((i) => ({ paper: paper(i), score: 0.5, shared: ['grokking', 'weight **decay**'] }));
		const message = renderSimilar({ paper: paper(0), results }, { ephemeral: true });
		expect(message.flags).toBe(MessageFlags.Ephemeral);
		expect(message.allowedMentions).toEqual({ parse: [] });
		expect(message.content).toMatch(/^Papers like “@everyone \\\*\\\*bold/);
		expect(message.content!.length).toBeLessThanOrEqual(LIMITS.content);
		const embeds = message.embeds as APIEmbed[];
		expect(embeds.reduce((sum, embed) => sum + textOf(embed), 0)).toBeLessThanOrEqual(LIMITS.embedsTotal);
		for (const [i, embed] of embeds.entries()) {
			expect(embed.title).toMatch(new RegExp(`^${i + 1}\\. `));
			expect(embed.title!.length).toBeLessThanOrEqual(LIMITS.embedTitle);
			expect(embed.description).toMatch(/\n-# shares: grokking, weight \\\*\\\*decay\\\*\\\*$/);
			expect(embed.description).not.toContain('[click](');
		}
		expect(renderSimilar({ paper: paper(0), results }).flags).toBeUndefined();
	});

	it('says privately when no paper is similar enough', () => {
		const message = renderSimilar({ paper: paper(0), results: [] });
		expect(message.flags).toBe(MessageFlags.Ephemeral);
		expect(message.content).toMatch(/^No other paper in the library shares enough words with/);
	});

	it('puts a Similar button under a one-paper post, and a menu of its papers under a longer one', () => {
		const single = renderPaperPost({ channelId: '1', items: [{ paper: paper(0), topics: ['grokking'] }] });
		expect(single.components!.at(-1)).toEqual({
			type: ComponentType.ActionRow,
			components: [{ type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Similar papers', custom_id: 'similar:id0' }],
		});
		const digest = renderPaperPost({
			channelId: '1',
			items: Array.from({ length: 10 }, (_, i) => ({ paper: paper(i), topics: ['grokking'] })),
		});
		const row = (
			digest.components as {
				components: { type: ComponentType; custom_id: string; options: { label: string; value: string }[] }[];
			}[]
		).at(-1);
		expect(row!.components[0]).toMatchObject({ type: ComponentType.StringSelect, custom_id: 'similar' });
		expect(row!.components[0]!.options.map((option) => option.value)).toEqual(Array.from({ length: 10 }, (_, i) => `id${i}`));
		for (const option of row!.components[0]!.options) expect(option.label.length).toBeLessThanOrEqual(LIMITS.selectLabel);
	});
});
