import {
	ChannelType,
	DiscordAPIError,
	HTTPError,
	MessageType,
	RESTJSONErrorCodes,
	Routes,
	SnowflakeUtil,
	type APIChannel,
	type APIGuildForumChannel,
	type APIMessage,
	type REST,
} from 'discord.js';
import type { Logger } from '../logger.ts';
import { DeliveryError, type PaperPost, type PostSink } from '../delivery/post-sink.ts';
import { ForumPosts } from './forum-posts.ts';
import { paperUrl } from './render/paper-link.ts';
import { renderPaperPost } from './render/paper-post.ts';

const FORBIDDEN = new Set<number>([RESTJSONErrorCodes.MissingPermissions, RESTJSONErrorCodes.MissingAccess]);
const GONE = new Set<number>([RESTJSONErrorCodes.UnknownChannel, RESTJSONErrorCodes.UnknownGuild]);

/** Discord's answer, in the terms the deliverer acts on; rate limits never get here, REST waits them out. */
function deliveryError(error: unknown, channelId: string): DeliveryError {
	if (error instanceof DiscordAPIError && typeof error.code === 'number') {
		if (FORBIDDEN.has(error.code))
			return new DeliveryError('forbidden', `no permission to post in channel ${channelId} (${error.code} ${error.message})`, {
				cause: error,
			});
		if (GONE.has(error.code)) return new DeliveryError('gone', `channel ${channelId} no longer exists (${error.code})`, { cause: error });
		if (error.status === 400)
			return new DeliveryError('rejected', `Discord refused a post to channel ${channelId}: ${error.message}`, { cause: error });
	}
	if (error instanceof DiscordAPIError || error instanceof HTTPError) {
		return new DeliveryError('transient', `Discord answered HTTP ${error.status} to a post in channel ${channelId}`, { cause: error });
	}
	return new DeliveryError('transient', `could not post to channel ${channelId}: ${(error as Error).message}`, { cause: error });
}

/**
 * Why the channel could not be read to look for a post tried earlier. A deleted channel or a
 * missing permission is an answer, handled as it is for a post (the channel is paused); anything
 * else says nothing about the post, so the deliverer tries again later with its growing waits.
 */
function checkFailed(error: unknown, channelId: string): DeliveryError {
	const definite =
		error instanceof DiscordAPIError && typeof error.code === 'number' && (FORBIDDEN.has(error.code) || GONE.has(error.code));
	if (definite) return deliveryError(error, channelId);
	const reason = error instanceof DiscordAPIError || error instanceof HTTPError ? `HTTP ${error.status}` : (error as Error).message;
	return new DeliveryError(
		'transient',
		`could not read channel ${channelId} to see whether a post tried earlier is there (${reason}); looking again later rather than risk posting it twice`,
		{ cause: error },
	);
}

/** Posts through discord.js's REST, which honours Discord's rate-limit headers and retries 429s. */
export class DiscordSink implements PostSink {
	private readonly rest: REST;
	private readonly botUserId: () => string;
	private readonly forumPosts: ForumPosts;
	/** Channels known not to be forums; a channel's kind does not change, a forum's tags do. */
	readonly #plain = new Set<string>();
	private readonly knownType: (channelId: string) => ChannelType | undefined;
	/** `knownType` tells a channel's kind from the gateway's cache, saving a request per channel. */
	constructor(
		rest: REST,
		botUserId: () => string,
		logger: Logger,
		knownType: (channelId: string) => ChannelType | undefined = () => undefined,
	) {
		this.rest = rest;
		this.botUserId = botUserId;
		this.knownType = knownType;
		this.forumPosts = new ForumPosts(rest, botUserId, logger);
	}

	/** The channel as a forum (fetched fresh, for its tags), or undefined when it is another kind. */
	async #forum(channelId: string): Promise<APIGuildForumChannel | undefined> {
		if (this.#plain.has(channelId)) return undefined;
		const known = this.knownType(channelId);
		if (known !== undefined && known !== ChannelType.GuildForum) return void this.#plain.add(channelId);
		const channel = (await this.rest.get(Routes.channel(channelId))) as APIChannel;
		if (channel.type === ChannelType.GuildForum) return channel;
		this.#plain.add(channelId);
		return undefined;
	}

	async post(post: PaperPost, nonce: string): Promise<void> {
		try {
			const forum = await this.#forum(post.channelId);
			if (forum) return await this.forumPosts.post(forum, post);
			await this.rest.post(Routes.channelMessages(post.channelId), { body: { ...renderPaperPost(post), nonce, enforce_nonce: true } });
		} catch (error) {
			throw deliveryError(error, post.channelId);
		}
	}

	/**
	 * Looks for the post among the bot's messages since `since`, by the papers' links (in a forum,
	 * among its active threads). Needs Read Message History; without it Discord lists no messages,
	 * the post is sent again, and its nonce still stops a duplicate within the few minutes Discord
	 * remembers nonces. The minute of slack covers a host clock running ahead of Discord's.
	 *
	 * Only an answer decides: a read that fails for a reason that may pass (a 5xx, a timeout, the
	 * network) throws a transient error, so the post stays pending and is looked for again later.
	 * Taking it for "not posted" would send it again, and once Discord has forgotten the nonce
	 * (retries back off for minutes) it would stand in the channel twice.
	 */
	async isPosted(post: PaperPost, since: Date): Promise<boolean> {
		try {
			const forum = await this.#forum(post.channelId);
			if (forum) return await this.forumPosts.isPosted(forum, post);
			return await this.#inHistory(post, since);
		} catch (error) {
			throw checkFailed(error, post.channelId);
		}
	}

	async #inHistory(post: PaperPost, since: Date): Promise<boolean> {
		const urls = new Set(post.items.map(({ paper }) => paperUrl(paper)));
		const after = SnowflakeUtil.generate({ timestamp: since.getTime() - 60_000 }).toString();
		const messages = (await this.rest.get(Routes.channelMessages(post.channelId), {
			query: new URLSearchParams({ after, limit: '100' }),
		})) as APIMessage[];
		const botId = this.botUserId();
		// Only the bot's own posts count, not its answers to searches (which show papers too),
		// and only one showing every paper of this post.
		return messages.some(
			(message) =>
				message.author.id === botId &&
				message.type === MessageType.Default &&
				!message.interaction_metadata &&
				[...urls].every((url) => message.embeds.some((embed) => embed.url === url)),
		);
	}
}
