import { describe, expect, it } from 'vitest';
import type { FakeEmbed } from '../support/fake-discord/index.ts';
import { dropListing, listing } from './listings.ts';
import { MEMBER_PERMISSIONS, titles, useFreshSubscriptionBot } from './subscription-bot.ts';

// Each test has a bot of its own, with both channels following the same topic.
const setup = useFreshSubscriptionBot(async (setup) => {
	for (const channelId of [setup.papers, setup.random])
		await setup.answer('/channel subscribe', channelId, [{ name: 'topic', value: 'quokka' }]);
});

const quokkaPaper = (n: number) => ({
	title: `Quokka Behaviour Study Number ${n}`,
	about: `quokka behaviour in island habitats, study ${n}`,
});

describe('delivery when Discord says no', () => {
	it('pauses a channel it may not post in, keeps its papers, delivers the others, and resumes on request', async () => {
		setup.bot.discord.setBotPermissions(setup.papers, { send: false });
		dropListing(setup.papersDir, '910_quokka.txt', listing('Apr 1', [quokkaPaper(1)]));
		await expect.poll(() => setup.postsIn(setup.random).length, { timeout: 10_000 }).toBe(1);
		await expect.poll(() => setup.bot.logs.some((line) => line.event === 'delivery_paused'), { timeout: 5_000 }).toBe(true);
		const overview = await setup.answer('/paper subscriptions', setup.papers, [], MEMBER_PERMISSIONS);
		expect((overview.embeds as FakeEmbed[])[0]!.description).toMatch(/1 paper is waiting[\s\S]*\*\*Paused\*\*[\s\S]*lack permission/);
		expect(setup.postsIn(setup.papers)).toHaveLength(0);

		expect((await setup.answer('/channel resume', setup.papers)).content).toMatch(
			/I cannot post papers in this channel: I am missing Send Messages/,
		);
		setup.bot.discord.setBotPermissions(setup.papers, { send: true });
		expect((await setup.answer('/channel resume', setup.papers)).content).toMatch(/on again/);
		await expect.poll(() => setup.postsIn(setup.papers).map(titles), { timeout: 10_000 }).toEqual([['Quokka Behaviour Study Number 1']]);
	}, 30_000);

	it('waits out a 429 on a post and sends it once', async () => {
		setup.bot.discord.failNext({ method: 'POST', path: new RegExp(`/channels/${setup.random}/messages$`), status: 429, retryAfter: 0.5 });
		dropListing(setup.papersDir, '911_quokka.txt', listing('Apr 2', [quokkaPaper(2)]));
		await expect.poll(() => setup.postsIn(setup.random).length, { timeout: 10_000 }).toBe(1);
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(setup.postsIn(setup.random).map(titles)).toEqual([['Quokka Behaviour Study Number 2']]);
		const tries = setup.bot.discord.requests.filter(
			(request) => request.method === 'POST' && request.path.endsWith(`/channels/${setup.random}/messages`),
		);
		expect(tries.map((request) => request.status)).toEqual([429, 200]);
	}, 20_000);

	it('forgets the subscriptions of a deleted channel', async () => {
		setup.bot.discord.deleteChannel(setup.random);
		await expect
			.poll(async () => (await setup.bot.paperboy.context.feeds.overview(setup.random)).subscriptions, { timeout: 5_000 })
			.toBeUndefined();
		dropListing(setup.papersDir, '912_quokka.txt', listing('Apr 3', [quokkaPaper(3)]));
		await expect.poll(() => setup.postsIn(setup.papers).length, { timeout: 10_000 }).toBe(1);
		expect(setup.bot.logs.some((line) => line.event === 'channel_forgotten')).toBe(true);
	}, 20_000);
});
