import { ChannelType, GatewayDispatchEvents, MessageFlags } from 'discord.js';
import { makeTag } from './channels.ts';
import { apiError, Errors, invalidForm } from './errors.ts';
import type { FormProblem, Reply } from './errors.ts';
import { messagePayload } from './messages.ts';
import { channelPayload } from './payloads.ts';
import { channelOf, messagesOf } from './routes-channels.ts';
import { route } from './router.ts';
import type { Route, RouteContext } from './router.ts';
import { snowflake } from './snowflake.ts';
import { dispatchToGuild } from './state.ts';
import type { FakeChannel, FakeMessage, FakeTag, MessageBody } from './types.ts';
import { messageLimits } from './validate.ts';

/** Discord's limit on a forum tag's name, which the spec (50) does not hold to. */
const TAG_NAME_MAX = 20;

function guildThreads(ctx: RouteContext, guildId: string): FakeChannel[] {
	const guild = ctx.state.guilds.find((g) => g.id === guildId);
	if (!guild) throw new Error(`FakeDiscord: no guild ${guildId}`);
	return guild.threads;
}

/** A new public thread in `parent` (its id given when it grows from a message), announced with THREAD_CREATE. */
function openThread(ctx: RouteContext, parent: FakeChannel, id: string, name: string, appliedTags: string[]): FakeChannel {
	const thread: FakeChannel = {
		id,
		name,
		type: ChannelType.PublicThread,
		guildId: parent.guildId,
		position: 0,
		permissionOverwrites: [],
		botPermissions: { ...parent.botPermissions },
		thread: { parentId: parent.id, ownerId: ctx.state.botUser.id, appliedTags, createdAt: new Date().toISOString() },
	};
	guildThreads(ctx, parent.guildId).push(thread);
	ctx.state.channels.set(thread.id, thread);
	return thread;
}

function announceThread(ctx: RouteContext, thread: FakeChannel): void {
	dispatchToGuild(ctx.state, GatewayDispatchEvents.ThreadCreate, { ...channelPayload(thread), newly_created: true }, thread.guildId);
}

/** POST /channels/{id}/threads on a forum: a post, its first message (whose id is the thread's) and its tags. */
function createForumPost(ctx: RouteContext): Reply {
	const forum = channelOf(ctx, 'send');
	if ('status' in forum) return forum;
	if (forum.type !== ChannelType.GuildForum) return Errors.missingAccess();
	const body = ctx.body as { name: string; applied_tags?: string[] | null; message: MessageBody };
	const tags = body.applied_tags ?? [];
	const unknown = tags.filter((id) => !forum.availableTags?.some((tag) => tag.id === id));
	if (unknown.length > 0) return invalidForm([{ path: ['applied_tags'], code: 'UNKNOWN_TAG', message: `Unknown tag ${unknown[0]}.` }]);
	const thread = openThread(ctx, forum, snowflake(), body.name, tags);
	const message: FakeMessage = { ...messagePayload(thread.id, thread.guildId, ctx.state.botUser, body.message), id: thread.id };
	messagesOf(ctx, thread.id).push(message);
	announceThread(ctx, thread);
	return { status: 201, body: { ...channelPayload(thread), message } };
}

/** POST /channels/{id}/messages/{message_id}/threads: the thread's id is the message's; a second one is refused with 160004. */
function createThreadFromMessage(ctx: RouteContext): Reply {
	const channel = channelOf(ctx, 'createThreads');
	if ('status' in channel) return channel;
	const message = messagesOf(ctx, channel.id).find((m) => m.id === ctx.params.message_id);
	if (!message) return Errors.unknownMessage();
	if (ctx.state.channels.has(message.id)) return apiError(400, 160004, 'A thread has already been created for this message');
	const thread = openThread(ctx, channel, message.id, (ctx.body as { name: string }).name, []);
	message.flags |= MessageFlags.HasThread;
	message.thread = channelPayload(thread);
	announceThread(ctx, thread);
	return { status: 201, body: channelPayload(thread) };
}

/** PATCH /channels/{id}: a forum's name and tags (a tag without an id is new; one left out is removed). */
function updateChannel(ctx: RouteContext): Reply {
	const channel = channelOf(ctx, 'manage');
	if ('status' in channel) return channel;
	const body = ctx.body as { name?: string; available_tags?: (Partial<FakeTag> & { name: string })[] | null };
	if (body.name !== undefined) channel.name = body.name;
	if (body.available_tags && channel.type === ChannelType.GuildForum) {
		channel.availableTags = body.available_tags.map((tag) =>
			tag.id ? { ...makeTag(tag.name), ...tag, id: tag.id } : { ...makeTag(tag.name), ...tag, id: snowflake() },
		);
	}
	dispatchToGuild(ctx.state, GatewayDispatchEvents.ChannelUpdate, channelPayload(channel), channel.guildId);
	return { status: 200, body: channelPayload(channel) };
}

function tagLimits(ctx: RouteContext): FormProblem[] {
	const tags = (ctx.body as { available_tags?: { name?: unknown }[] | null }).available_tags ?? [];
	return tags.flatMap((tag, i) =>
		typeof tag.name === 'string' && tag.name.length > TAG_NAME_MAX
			? [{ path: ['available_tags', i, 'name'], code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${TAG_NAME_MAX} or fewer in length.` }]
			: [],
	);
}

export const threadRoutes: Route[] = [
	route('POST', '/channels/{channel_id}/threads', createForumPost, true, (ctx) => messageLimits(ctx.body.message, true, ['message'])),
	route('POST', '/channels/{channel_id}/messages/{message_id}/threads', createThreadFromMessage),
	route('PATCH', '/channels/{channel_id}', updateChannel, true, tagLimits),
	route('GET', '/guilds/{guild_id}/threads/active', (ctx) => {
		if (!ctx.state.guilds.some((g) => g.id === ctx.params.guild_id)) return Errors.unknownGuild();
		const threads = guildThreads(ctx, ctx.params.guild_id!).filter((thread) => ctx.state.channels.get(thread.id)?.botPermissions.view);
		return { status: 200, body: { threads: threads.map(channelPayload), members: [] } };
	}),
];
