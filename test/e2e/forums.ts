import { ApplicationCommandOptionType, ChannelType } from 'discord.js';
import { expect } from 'vitest';
import type { FakeChannel, FakeMessage } from '../support/fake-discord/index.ts';
import type { SubscriptionBot } from './subscription-bot.ts';

export const GROKKING = {
	title: 'Grokking *Modular* Arithmetic in Tiny Transformers @everyone',
	about: 'grokking in small transformers trained on modular arithmetic',
};

/** A forum channel in the bot's guild, announced over the gateway like one made in Discord. */
export function addForum(setup: SubscriptionBot, availableTags: string[] = []): FakeChannel {
	const { discord } = setup.bot;
	return discord.addChannel(discord.guilds[0]!.id, { name: 'reading', type: ChannelType.GuildForum, availableTags });
}

/** The forum's posts, as Discord lists them: threads of the forum, with their first message. */
export function forumPosts(setup: SubscriptionBot, forum: FakeChannel): { thread: FakeChannel; first: FakeMessage | undefined }[] {
	const { discord } = setup.bot;
	return discord.guilds[0]!.threads.filter((thread) => thread.thread?.parentId === forum.id).map((thread) => ({
		thread,
		first: discord.channelMessages(thread.id)[0],
	}));
}

/** The channel option naming the forum: a forum has no message box, so commands name it from elsewhere. */
export const naming = (forum: FakeChannel) => ({ name: 'channel', value: forum.id, type: ApplicationCommandOptionType.Channel });

/** Subscribes the forum to each topic from the guild's #papers channel. */
export async function subscribeForum(setup: SubscriptionBot, forum: FakeChannel, ...topics: string[]): Promise<void> {
	for (const topic of topics) {
		const answer = await setup.answer('/channel subscribe', setup.papers, [{ name: 'topic', value: topic }, naming(forum)]);
		expect(answer.content).toBe(`<#${forum.id}> now follows \`${topic}\`. New papers that match will be posted there once each.`);
	}
}
