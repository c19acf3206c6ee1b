import { InteractionType, MessageFlags } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { channelCommand } from '../../commands/channel.ts';
import type { FakeEmbed } from '../support/fake-discord/index.ts';
import { commandData } from '../support/start-bot.ts';
import { dropListing, listing } from './listings.ts';
import { MEMBER_PERMISSIONS, titles, useFreshSubscriptionBot } from './subscription-bot.ts';

// Each test has a bot, store and channels of its own, and sets up what it needs.
const setup = useFreshSubscriptionBot();

async function follow(channelId: string, ...topics: string[]): Promise<void> {
	for (const topic of topics)
		expect((await setup.answer('/channel subscribe', channelId, [{ name: 'topic', value: topic }])).content).toMatch(/now follows/);
}

const grokkingPaper = {
	title: 'Grokking Modular Arithmetic in Tiny Transformers',
	about: 'grokking in small transformers trained on modular arithmetic',
};

/** The `papers` channel follows two topics, and one paper for both of them has been posted there. */
async function postOneGrokkingPaper(): Promise<void> {
	await follow(setup.papers, 'grokking', '"modular arithmetic"');
	dropListing(setup.papersDir, '900_new.txt', listing('Mar 20', [grokkingPaper]));
	await expect.poll(() => setup.postsIn(setup.papers).length, { timeout: 10_000 }).toBe(1);
}

const overview = async (channelId: string) => setup.answer('/paper subscriptions', channelId, [], MEMBER_PERMISSIONS);

describe('subscriptions end to end', () => {
	it('refuses every /channel subcommand to a member without Manage Channels, privately', async () => {
		for (const { name } of channelCommand.data.options!) {
			const response = await setup.command(`/channel ${name}`, setup.papers, [], MEMBER_PERMISSIONS).response();
			expect({ name, ...response.data }).toMatchObject({
				name,
				flags: MessageFlags.Ephemeral,
				content: expect.stringMatching(/needs the Manage Channels permission/),
			});
		}
	});

	it('subscribes, previewing what the topic catches now, and refuses the same topic twice', async () => {
		const reply = await setup.answer('/channel subscribe', setup.papers, [{ name: 'topic', value: 'grokking' }]);
		expect(reply.content).toMatch(/now follows `grokking`/);
		expect(JSON.stringify(reply.embeds)).toMatch(/catches for example/);
		expect((await setup.answer('/channel subscribe', setup.papers, [{ name: 'topic', value: 'Grokking' }])).content).toBe(
			'The channel already follows `grokking` (the same topic as `Grokking`).',
		);
		await follow(setup.papers, '"modular arithmetic"');
	});

	it('posts a new paper once, to the channel whose topics it matches, naming each of them', async () => {
		await follow(setup.papers, 'grokking', '"modular arithmetic"');
		await follow(setup.random, '"diffusion policy" -survey');
		dropListing(
			setup.papersDir,
			'900_new.txt',
			listing('Mar 20', [
				grokkingPaper,
				{ title: 'Diffusion Policy Learning for Robot Arms', about: 'diffusion policy learning for robot manipulation' },
				{ title: 'A Survey of Diffusion Policy Methods', about: 'a survey of diffusion policy methods' },
			]),
		);
		await expect.poll(() => setup.postsIn(setup.papers).length, { timeout: 10_000 }).toBe(1);
		await expect.poll(() => setup.postsIn(setup.random).length, { timeout: 5_000 }).toBe(1);
		const [post] = setup.postsIn(setup.papers);
		expect(titles(post!)).toEqual(['Grokking Modular Arithmetic in Tiny Transformers']);
		expect(post!.content).toBe('A new paper for `grokking`, `"modular arithmetic"`');
		expect(post!.embeds[0]!.description).toMatch(/\*\*grokking\*\*[\s\S]*matched “grokking”, “"modular arithmetic"”/);
		expect(titles(setup.postsIn(setup.random)[0]!)).toEqual(['Diffusion Policy Learning for Robot Arms']);
		const body = setup.bot.discord.requests.find(
			(request) => request.method === 'POST' && request.path.endsWith(`/channels/${setup.papers}/messages`),
		)!.body as Record<string, unknown>;
		expect(body.allowed_mentions).toEqual({ parse: [] });
		expect(body).toMatchObject({ enforce_nonce: true });
	});

	it('lists the channel’s topics with what they delivered, and posts nothing again after a restart', async () => {
		await postOneGrokkingPaper();
		// The post reaches Discord a moment before the bot records it.
		const delivered = async () => ((await overview(setup.papers)).embeds as FakeEmbed[])[0]!.description;
		await expect.poll(delivered).toMatch(/`grokking`: 1 paper, last <t:\d+:R>/);
		await setup.bot.restart();
		dropListing(setup.papersDir, '900_new.txt', `${listing('Mar 20', [{ ...grokkingPaper, about: 'grokking again' }])}\n`);
		await new Promise((resolve) => setTimeout(resolve, 2_500));
		expect(setup.postsIn(setup.papers)).toHaveLength(1);
		expect((await overview(setup.papers)).content).toMatch(/follows 2 topics/);
	}, 30_000);

	it('unsubscribes through autocomplete of the channel’s topics', async () => {
		await follow(setup.papers, 'grokking', '"modular arithmetic"');
		const suggestions = await setup.bot.discord
			.dispatchInteraction({
				type: InteractionType.ApplicationCommandAutocomplete,
				channelId: setup.papers,
				data: commandData('/channel unsubscribe', [{ name: 'topic', value: 'grok', focused: true }]),
			})
			.response();
		expect(suggestions.data?.choices).toEqual([{ name: 'grokking', value: 'grokking' }]);
		expect((await setup.answer('/channel unsubscribe', setup.papers, [{ name: 'topic', value: 'grokking' }])).content).toMatch(
			/no longer follows `grokking`/,
		);
		// Written differently, the same topic: the normalized form finds it.
		expect((await setup.answer('/channel unsubscribe', setup.papers, [{ name: 'topic', value: '"Modular  Arithmetic"' }])).content).toMatch(
			/no longer follows `"modular arithmetic"`/,
		);
		expect((await overview(setup.papers)).content).toMatch(/follows no topics/);
		expect((await setup.answer('/channel unsubscribe', setup.papers, [{ name: 'topic', value: 'grokking' }])).content).toBe(
			'The channel does not follow that topic. `/paper subscriptions` lists what it follows.',
		);
	});
});
