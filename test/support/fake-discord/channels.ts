import { ChannelType, GatewayDispatchEvents, OverwriteType, PermissionFlagsBits } from 'discord.js';
import type { FakeGateway } from './gateway.ts';
import { ADMINISTRATOR, ALL_PERMISSIONS, channelPayload } from './payloads.ts';
import { snowflake } from './snowflake.ts';
import type { FakeState } from './state.ts';
import type { BotPermissions, FakeChannel, FakeChannelOptions, FakeGuild, FakeTag } from './types.ts';

const {
	ViewChannel: VIEW_CHANNEL,
	SendMessages: SEND_MESSAGES,
	ReadMessageHistory: READ_MESSAGE_HISTORY,
	CreatePublicThreads: CREATE_PUBLIC_THREADS,
	ManageChannels: MANAGE_CHANNELS,
} = PermissionFlagsBits;
/** What Discord takes away implicitly with SEND_MESSAGES: TTS, embed links, attach files, mention everyone. */
const NEEDS_SEND =
	PermissionFlagsBits.SendTTSMessages |
	PermissionFlagsBits.EmbedLinks |
	PermissionFlagsBits.AttachFiles |
	PermissionFlagsBits.MentionEveryone;

/** The bits the bot is denied in a channel, implicit ones included. */
function deniedBits(p: Required<BotPermissions>): bigint {
	let denied = 0n;
	if (!p.view) denied |= VIEW_CHANNEL | SEND_MESSAGES | NEEDS_SEND | READ_MESSAGE_HISTORY | CREATE_PUBLIC_THREADS | MANAGE_CHANNELS;
	if (!p.send) denied |= SEND_MESSAGES | NEEDS_SEND;
	if (!p.readHistory) denied |= READ_MESSAGE_HISTORY;
	if (!p.createThreads) denied |= CREATE_PUBLIC_THREADS;
	if (!p.manage) denied |= MANAGE_CHANNELS;
	return denied;
}

/** Puts the bot's permissions on a channel, mirrored into a member overwrite for the bot (only when something is denied). */
function applyBotPermissions(channel: FakeChannel, botId: string, given: BotPermissions): void {
	const {
		view = channel.botPermissions.view,
		send = channel.botPermissions.send,
		readHistory = channel.botPermissions.readHistory,
		createThreads = channel.botPermissions.createThreads,
		manage = channel.botPermissions.manage,
	} = given;
	channel.botPermissions = { view, send, readHistory, createThreads, manage };
	const deny =
		(view ? 0n : VIEW_CHANNEL) |
		(send ? 0n : SEND_MESSAGES) |
		(readHistory ? 0n : READ_MESSAGE_HISTORY) |
		(createThreads ? 0n : CREATE_PUBLIC_THREADS) |
		(manage ? 0n : MANAGE_CHANNELS);
	channel.permissionOverwrites = channel.permissionOverwrites.filter((o) => !(o.type === OverwriteType.Member && o.id === botId));
	if (deny !== 0n) channel.permissionOverwrites.push({ id: botId, type: OverwriteType.Member, allow: '0', deny: deny.toString() });
}

export function makeTag(name: string): FakeTag {
	return { id: snowflake(), name, moderated: false, emoji_id: null, emoji_name: null };
}

export function makeChannel(guildId: string, options: FakeChannelOptions, position: number, botId: string): FakeChannel {
	const channel: FakeChannel = {
		id: options.id ?? snowflake(),
		name: options.name,
		type: options.type ?? ChannelType.GuildText,
		guildId,
		position,
		permissionOverwrites: [...(options.permissionOverwrites ?? [])],
		botPermissions: { view: true, send: true, readHistory: true, createThreads: true, manage: true },
		...(options.type === ChannelType.GuildForum ? { availableTags: (options.availableTags ?? []).map(makeTag) } : {}),
	};
	applyBotPermissions(channel, botId, options.botPermissions ?? {});
	return channel;
}

/** `app_permissions` of an interaction in the channel: administrator unless the bot is restricted there. */
export function appPermissionsIn(channel: FakeChannel | null): string {
	const denied = channel ? deniedBits(channel.botPermissions) : 0n;
	return denied === 0n ? ADMINISTRATOR : (BigInt(ALL_PERMISSIONS) & ~BigInt(ADMINISTRATOR) & ~denied).toString();
}

function guildOf(state: FakeState, guildId: string): FakeGuild {
	const guild = state.guilds.find((g) => g.id === guildId);
	if (!guild) throw new Error(`FakeDiscord: no guild ${guildId}`);
	return guild;
}

function channelById(state: FakeState, channelId: string): FakeChannel {
	const channel = state.channels.get(channelId);
	if (!channel) throw new Error(`FakeDiscord: no channel ${channelId}`);
	return channel;
}

/** Gateway events reach connected clients only; a client logging in later sees the state in GUILD_CREATE. */
function announce(state: FakeState, gateway: FakeGateway, t: GatewayDispatchEvents, channel: FakeChannel): void {
	gateway.dispatchToGuild(t, channelPayload(channel), channel.guildId);
	state.events.emit('change');
}

export function addChannel(state: FakeState, gateway: FakeGateway, guildId: string, options: FakeChannelOptions): FakeChannel {
	const guild = guildOf(state, guildId);
	const channel = makeChannel(guild.id, options, guild.channels.length, state.botUser.id);
	guild.channels.push(channel);
	state.channels.set(channel.id, channel);
	announce(state, gateway, GatewayDispatchEvents.ChannelCreate, channel);
	return channel;
}

/** Its messages stay readable through channelMessages (for assertions); REST answers 10003 from now on. */
export function deleteChannel(state: FakeState, gateway: FakeGateway, channelId: string): FakeChannel {
	const channel = channelById(state, channelId);
	const guild = guildOf(state, channel.guildId);
	guild.channels = guild.channels.filter((c) => c.id !== channel.id);
	state.channels.delete(channel.id);
	announce(state, gateway, GatewayDispatchEvents.ChannelDelete, channel);
	return channel;
}

export function setBotPermissions(state: FakeState, gateway: FakeGateway, channelId: string, permissions: BotPermissions): FakeChannel {
	const channel = channelById(state, channelId);
	applyBotPermissions(channel, state.botUser.id, permissions);
	announce(state, gateway, GatewayDispatchEvents.ChannelUpdate, channel);
	return channel;
}
