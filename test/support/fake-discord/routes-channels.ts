import { ChannelType } from 'discord.js';
import { Errors } from './errors.ts';
import type { Reply } from './errors.ts';
import { applyMessageEdit, attachmentsOf, listMessages, messagePayload } from './messages.ts';
import { channelPayload, guildPayload } from './payloads.ts';
import { route } from './router.ts';
import type { Route, RouteContext } from './router.ts';
import type { FakeChannel, FakeMessage, MessageBody } from './types.ts';
import { isEmptyMessage, messageLimits } from './validate.ts';

/** Where messages can be sent: a forum takes posts (threads) only. */
const POSTABLE = new Set<ChannelType>([ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.PublicThread]);

/** How long Discord remembers an enforced nonce ("the past few minutes"). */
const NONCE_MEMORY_MS = 5 * 60_000;

/** The route's channel if the bot may see it (and has the permission `need`), else Discord's error. */
export function channelOf(ctx: RouteContext, need?: 'send' | 'readHistory' | 'createThreads' | 'manage'): FakeChannel | Reply {
	const channel = ctx.state.channels.get(ctx.params.channel_id ?? '');
	if (!channel) return Errors.unknownChannel();
	if (!channel.botPermissions.view) return Errors.missingAccess();
	return need && !channel.botPermissions[need] ? Errors.missingPermissions() : channel;
}

/** Only the create answer carries the nonce: Discord does not return it when the message is fetched later. */
function withNonce(message: FakeMessage, nonce: string | number | undefined): FakeMessage {
	return nonce === undefined ? message : { ...message, nonce };
}

export function messagesOf(ctx: RouteContext, channelId: string): FakeMessage[] {
	let list = ctx.state.messages.get(channelId);
	if (!list) ctx.state.messages.set(channelId, (list = []));
	return list;
}

function createMessage(ctx: RouteContext): Reply {
	const channel = channelOf(ctx, 'send');
	if ('status' in channel) return channel;
	if (!POSTABLE.has(channel.type)) return Errors.missingAccess();
	const body = ctx.body as MessageBody;
	if (isEmptyMessage(body, ctx.req.files.length)) return Errors.emptyMessage();
	const key = body.enforce_nonce && body.nonce !== undefined ? `${channel.id}:${String(body.nonce)}` : null;
	const remembered = key ? ctx.state.nonces.get(key) : undefined;
	if (remembered && Date.now() - remembered.at < NONCE_MEMORY_MS) return { status: 200, body: withNonce(remembered.message, body.nonce) };
	const message = messagePayload(channel.id, channel.guildId, ctx.state.botUser, body);
	message.attachments = attachmentsOf(channel.id, ctx.req.files);
	messagesOf(ctx, channel.id).push(message);
	if (key) ctx.state.nonces.set(key, { message, at: Date.now() });
	return { status: 200, body: withNonce(message, body.nonce) };
}

function findMessage(ctx: RouteContext, need?: 'readHistory'): { list: FakeMessage[]; message: FakeMessage } | Reply {
	const channel = channelOf(ctx, need);
	if ('status' in channel) return channel;
	const list = messagesOf(ctx, channel.id);
	const message = list.find((m) => m.id === ctx.params.message_id);
	return message ? { list, message } : Errors.unknownMessage();
}

export const channelRoutes: Route[] = [
	route('GET', '/guilds/{guild_id}', (ctx) => {
		const guild = ctx.state.guilds.find((g) => g.id === ctx.params.guild_id);
		return guild ? { status: 200, body: guildPayload(guild) } : Errors.unknownGuild();
	}),
	route('GET', '/guilds/{guild_id}/channels', (ctx) => {
		const guild = ctx.state.guilds.find((g) => g.id === ctx.params.guild_id);
		return guild ? { status: 200, body: guild.channels.map(channelPayload) } : Errors.unknownGuild();
	}),
	route('GET', '/channels/{channel_id}', (ctx) => {
		const channel = channelOf(ctx);
		return 'status' in channel ? channel : { status: 200, body: channelPayload(channel) };
	}),
	route('POST', '/channels/{channel_id}/messages', createMessage, true, (ctx) => messageLimits(ctx.req.body, true)),
	route('POST', '/channels/{channel_id}/typing', (ctx) => {
		const channel = channelOf(ctx, 'send');
		return 'status' in channel ? channel : { status: 204 };
	}),
	route('GET', '/channels/{channel_id}/messages', (ctx) => {
		const channel = channelOf(ctx);
		if ('status' in channel) return channel;
		const listed = listMessages(messagesOf(ctx, channel.id), ctx.req.query);
		// Without READ_MESSAGE_HISTORY Discord answers no messages rather than an error.
		return listed.status === 200 && !channel.botPermissions.readHistory ? { status: 200, body: [] } : listed;
	}),
	route('GET', '/channels/{channel_id}/messages/{message_id}', (ctx) => {
		const found = findMessage(ctx, 'readHistory');
		return 'status' in found ? found : { status: 200, body: found.message };
	}),
	route(
		'PATCH',
		'/channels/{channel_id}/messages/{message_id}',
		(ctx) => {
			const found = findMessage(ctx);
			if ('status' in found) return found;
			applyMessageEdit(found.message, ctx.body);
			return { status: 200, body: found.message };
		},
		true,
		(ctx) => messageLimits(ctx.req.body, true),
	),
	route('DELETE', '/channels/{channel_id}/messages/{message_id}', (ctx) => {
		const found = findMessage(ctx);
		if ('status' in found) return found;
		found.list.splice(found.list.indexOf(found.message), 1);
		return { status: 204 };
	}),
];
