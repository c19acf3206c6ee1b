import { InteractionType, MessageFlags } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commandData, finalAnswer } from '../support/start-bot.ts';
import { addForum, forumPosts, GROKKING, naming, subscribeForum } from './forums.ts';
import { dropListing, listing } from './listings.ts';
import { MANAGER, MEMBER_PERMISSIONS, useFreshSubscriptionBot } from './subscription-bot.ts';

/**
 * A forum channel has no message box, so every command about it names it with `channel:`, run
 * from another channel; the permissions that count are the member's and the bot's in the forum.
 */
describe('commands naming a forum channel', () => {
	const setup = useFreshSubscriptionBot();
	const topic = { name: 'topic', value: 'grokking' };

	it('subscribing needs Manage Channels in the forum, not in the channel the command runs in', async () => {
		const forum = addForum(setup);
		const asMember = (here: string, there: string) =>
			finalAnswer(
				setup.bot.discord.dispatchInteraction({
					type: InteractionType.ApplicationCommand,
					channelId: setup.papers,
					permissions: here,
					channelPermissions: { [forum.id]: there },
					data: commandData('/channel subscribe', [topic, naming(forum)]),
				}),
			);
		const refused = await asMember(MANAGER, MEMBER_PERMISSIONS);
		expect([refused.content, refused.flags]).toEqual([
			`Changing what <#${forum.id}> follows needs the Manage Channels permission there.`,
			MessageFlags.Ephemeral,
		]);
		expect((await setup.bot.paperboy.context.feeds.overview(forum.id)).subscriptions).toBeUndefined();

		expect((await asMember(MEMBER_PERMISSIONS, MANAGER)).content).toMatch(new RegExp(`^<#${forum.id}> now follows \`grokking\``));
		expect((await setup.bot.paperboy.context.feeds.topics(forum.id)).map((followed) => followed.text)).toEqual(['grokking']);
		expect(await setup.bot.paperboy.context.feeds.topics(setup.papers)).toEqual([]);
	}, 20_000);

	it('refuses a forum the bot cannot post in, naming it and the missing permission', async () => {
		const forum = addForum(setup);
		setup.bot.discord.setBotPermissions(forum.id, { send: false });
		await expect.poll(() => setup.bot.paperboy.client.channels.cache.has(forum.id)).toBe(true);
		const refused = await setup.answer('/channel subscribe', setup.papers, [topic, naming(forum)]);
		expect(refused.content).toBe(
			`I cannot post papers in <#${forum.id}>: I am missing Send Messages. Give me this permission there, then try again.`,
		);
	}, 20_000);

	it('lists, unsubscribes and autocompletes the forum’s topics, not those of the channel typed in', async () => {
		const forum = addForum(setup);
		await subscribeForum(setup, forum, 'grokking', 'modular arithmetic');
		await setup.answer('/channel subscribe', setup.papers, [{ name: 'topic', value: 'wombat' }]);

		const listed = await setup.answer('/paper subscriptions', setup.papers, [naming(forum)], MEMBER_PERMISSIONS);
		expect(listed.content).toBe(`<#${forum.id}> follows 2 topics:`);
		const suggested = setup.bot.discord.dispatchInteraction({
			type: InteractionType.ApplicationCommandAutocomplete,
			channelId: setup.papers,
			permissions: MANAGER,
			data: commandData('/channel unsubscribe', [{ ...topic, value: 'gro', focused: true }, naming(forum)]),
		});
		expect((await suggested.response()).data?.choices).toEqual([{ name: 'grokking', value: 'grokking' }]);

		const removed = await setup.answer('/channel unsubscribe', setup.papers, [topic, naming(forum)]);
		expect(removed.content).toBe(`<#${forum.id}> no longer follows \`grokking\`.`);
		expect((await setup.bot.paperboy.context.feeds.topics(forum.id)).map((followed) => followed.text)).toEqual(['modular arithmetic']);
		expect((await setup.bot.paperboy.context.feeds.topics(setup.papers)).map((followed) => followed.text)).toEqual(['wombat']);
	}, 20_000);

	it('a daily digest into a forum holds papers until its hour, then makes each its own post', async () => {
		const forum = addForum(setup);
		const hour = (new Date().getUTCHours() + 2) % 24;
		const set = await setup.answer('/channel digest', setup.papers, [
			{ name: 'mode', value: 'daily' },
			{ name: 'hour', value: hour },
			naming(forum),
		]);
		expect(set.content).toMatch(new RegExp(`^New papers for <#${forum.id}> will now come in one digest a day`));
		await subscribeForum(setup, forum, 'grokking');
		const second = { title: 'Grokking Beyond Algorithmic Data', about: 'grokking on natural images' };
		dropListing(setup.papersDir, '900_grokking.txt', listing('Mar 20', [GROKKING, second]));
		await expect
			.poll(async () => (await setup.bot.paperboy.context.feeds.overview(forum.id)).delivery?.queued.length, { timeout: 10_000 })
			.toBe(2);
		expect(forumPosts(setup, forum)).toEqual([]);

		const digestTime = new Date();
		digestTime.setUTCHours(hour, 1, 0, 0);
		if (digestTime <= new Date()) digestTime.setUTCDate(digestTime.getUTCDate() + 1);
		await setup.bot.restart({ now: () => digestTime });
		await expect.poll(() => forumPosts(setup, forum).length, { timeout: 10_000 }).toBe(2);
		expect(
			forumPosts(setup, forum)
				.map(({ thread }) => thread.name)
				.sort(),
		).toEqual([second.title, GROKKING.title].sort());
	}, 40_000);
});
