import {
	DiscordAPIError,
	RESTJSONErrorCodes,
	Routes,
	type APIGuildForumChannel,
	type APIGuildForumTag,
	type APIThreadChannel,
	type REST,
	type RESTGetAPIGuildThreadsResult,
} from 'discord.js';
import type { Logger } from '../logger.ts';
import type { PaperPost } from '../delivery/post-sink.ts';
import { FORUM_LIMITS, renderForumPost, tagName, threadName } from './render/forum-post.ts';

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Posts papers to a forum channel, each its own post (a thread), tagged with its topics. A forum
 * post takes no nonce, so exactly once rests on looking first: a paper whose post already stands
 * among the forum's active threads (started by the bot, named after the paper, as one sent just
 * before a crash would be) is not posted again.
 */
export class ForumPosts {
	private readonly rest: REST;
	private readonly botUserId: () => string;
	private readonly logger: Logger;
	constructor(rest: REST, botUserId: () => string, logger: Logger) {
		this.rest = rest;
		this.botUserId = botUserId;
		this.logger = logger;
	}

	/** Posts the papers of `post` not yet in the forum; errors are Discord's, for the caller to classify. */
	async post(forum: APIGuildForumChannel, post: PaperPost): Promise<void> {
		const standing = await this.postedNames(forum);
		const waiting = post.items.filter(({ paper }) => !standing.has(threadName(paper).toLowerCase()));
		if (waiting.length < post.items.length)
			this.logger.info(
				{ event: 'forum_post_found', channel: forum.id, papers: post.items.length - waiting.length },
				'a paper already has its post in the forum (sent before a restart); not posting it again',
			);
		if (waiting.length === 0) return;
		const tags = await this.tagsFor(forum, [...new Set(waiting.flatMap((item) => item.topics))]);
		for (const item of waiting) {
			const applied = item.topics.flatMap((topic) => tags.find((tag) => sameName(tag.name, tagName(topic)))?.id ?? []);
			await this.rest.post(Routes.threads(forum.id), { body: renderForumPost(forum.id, item, applied) });
		}
	}

	/** Whether every paper of `post` has its post in the forum. */
	async isPosted(forum: APIGuildForumChannel, post: PaperPost): Promise<boolean> {
		const standing = await this.postedNames(forum);
		return post.items.every(({ paper }) => standing.has(threadName(paper).toLowerCase()));
	}

	/** The names of the bot's active posts in the forum, lower-cased. */
	private async postedNames(forum: APIGuildForumChannel): Promise<Set<string>> {
		const { threads } = (await this.rest.get(Routes.guildActiveThreads(forum.guild_id!))) as RESTGetAPIGuildThreadsResult;
		const botId = this.botUserId();
		return new Set(
			(threads as APIThreadChannel[])
				.filter((thread) => thread.parent_id === forum.id && thread.owner_id === botId)
				.map((thread) => thread.name.toLowerCase()),
		);
	}

	/**
	 * The forum's tags, with one added for each topic that has none while there is room (Discord
	 * allows 20). Adding needs Manage Channels; without it, or when full, posts go without those tags.
	 */
	private async tagsFor(forum: APIGuildForumChannel, topics: readonly string[]): Promise<readonly APIGuildForumTag[]> {
		const existing = forum.available_tags;
		const missing = [...new Set(topics.map(tagName))].filter((name) => !existing.some((tag) => sameName(tag.name, name)));
		if (missing.length === 0) return existing;
		const room = FORUM_LIMITS.availableTags - existing.length;
		const added = missing.slice(0, Math.max(0, room));
		if (added.length < missing.length)
			this.logger.warn(
				{ event: 'forum_tags_full', channel: forum.id, untagged: missing.slice(added.length) },
				`the forum has ${FORUM_LIMITS.availableTags} tags, Discord's limit; posting without these topics' tags`,
			);
		if (added.length === 0) return existing;
		try {
			const updated = (await this.rest.patch(Routes.channel(forum.id), {
				body: { available_tags: [...existing, ...added.map((name) => ({ name }))] },
			})) as APIGuildForumChannel;
			return updated.available_tags;
		} catch (error) {
			if (!(error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.MissingPermissions)) throw error;
			this.logger.warn(
				{ event: 'forum_tags_not_created', err: error, channel: forum.id, untagged: added },
				"creating forum tags needs Manage Channels on the forum; posting without these topics' tags",
			);
			return existing;
		}
	}
}
