import {
	ChannelType,
	ForumLayoutType,
	GuildDefaultMessageNotifications,
	GuildExplicitContentFilter,
	GuildMFALevel,
	GuildNSFWLevel,
	GuildPremiumTier,
	GuildVerificationLevel,
	PermissionFlagsBits,
} from 'discord.js';
import type { FakeChannel, FakeGuild, FakeUser } from './types.ts';

const P = PermissionFlagsBits;
/** Permissions of a plain member (and of @everyone here): view, send, embed, attach, history, reactions, app commands, threads. */
export const MEMBER_PERMISSIONS = (
	P.ViewChannel |
	P.SendMessages |
	P.EmbedLinks |
	P.AttachFiles |
	P.ReadMessageHistory |
	P.AddReactions |
	P.UseApplicationCommands |
	P.SendMessagesInThreads
).toString();
/** Administrator: what the bot gets in interactions unless told otherwise. */
export const ADMINISTRATOR = P.Administrator.toString();
/** Every permission bit up to 52 (the bit set Discord's clients know of). */
export const ALL_PERMISSIONS = ((1n << 53n) - 1n).toString();

export function userPayload(user: FakeUser): FakeUser {
	return { ...user };
}

export function everyoneRole(guildId: string): Record<string, unknown> {
	return {
		id: guildId,
		name: '@everyone',
		color: 0,
		colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
		hoist: false,
		icon: null,
		unicode_emoji: null,
		position: 0,
		permissions: MEMBER_PERMISSIONS,
		managed: false,
		mentionable: false,
		flags: 0,
	};
}

/** What a forum channel carries besides a text channel's fields. */
function forumFields(channel: FakeChannel): Record<string, unknown> {
	return {
		available_tags: channel.availableTags ?? [],
		default_reaction_emoji: null,
		default_thread_rate_limit_per_user: 0,
		default_sort_order: null,
		default_forum_layout: ForumLayoutType.NotSet,
		default_tag_setting: 'match_some',
	};
}

/** A thread: in its parent, with its starter, its tags and its metadata (never archived here). */
function threadFields(thread: NonNullable<FakeChannel['thread']>): Record<string, unknown> {
	return {
		parent_id: thread.parentId,
		owner_id: thread.ownerId,
		applied_tags: thread.appliedTags,
		message_count: 0,
		member_count: 1,
		total_message_sent: 0,
		thread_metadata: {
			archived: false,
			auto_archive_duration: 4320,
			archive_timestamp: thread.createdAt,
			locked: false,
			create_timestamp: thread.createdAt,
		},
	};
}

export function channelPayload(channel: FakeChannel): Record<string, unknown> {
	const { thread } = channel;
	return {
		id: channel.id,
		type: channel.type,
		guild_id: channel.guildId,
		name: channel.name,
		...(thread ? {} : { position: channel.position, permission_overwrites: channel.permissionOverwrites, topic: null, nsfw: false }),
		parent_id: null,
		last_message_id: null,
		rate_limit_per_user: 0,
		flags: 0,
		...(channel.type === ChannelType.GuildForum ? forumFields(channel) : {}),
		...(thread ? threadFields(thread) : {}),
	};
}

export function memberPayload(user: FakeUser, roles: string[] = [], permissions?: string): Record<string, unknown> {
	return {
		user: userPayload(user),
		nick: null,
		avatar: null,
		roles,
		joined_at: new Date(Date.now() - 86_400_000).toISOString(),
		premium_since: null,
		deaf: false,
		mute: false,
		flags: 0,
		pending: false,
		communication_disabled_until: null,
		...(permissions === undefined ? {} : { permissions }),
	};
}

/** The guild object of GET /guilds/{id}: no channels, members or gateway-only fields. */
export function guildPayload(guild: FakeGuild): Record<string, unknown> {
	return {
		id: guild.id,
		name: guild.name,
		icon: null,
		splash: null,
		discovery_splash: null,
		banner: null,
		description: null,
		owner_id: guild.ownerId,
		afk_channel_id: null,
		afk_timeout: 300,
		verification_level: GuildVerificationLevel.None,
		default_message_notifications: GuildDefaultMessageNotifications.AllMessages,
		explicit_content_filter: GuildExplicitContentFilter.Disabled,
		roles: [everyoneRole(guild.id)],
		emojis: [],
		stickers: [],
		features: [],
		mfa_level: GuildMFALevel.None,
		application_id: null,
		system_channel_id: null,
		system_channel_flags: 0,
		rules_channel_id: null,
		public_updates_channel_id: null,
		safety_alerts_channel_id: null,
		max_members: 500_000,
		vanity_url_code: null,
		premium_tier: GuildPremiumTier.None,
		premium_subscription_count: 0,
		preferred_locale: 'en-US',
		nsfw_level: GuildNSFWLevel.Default,
		premium_progress_bar_enabled: false,
	};
}

/** The GUILD_CREATE dispatch that makes a guild available (the bot's own member included, like Discord). */
export function guildCreatePayload(guild: FakeGuild, bot: FakeUser): Record<string, unknown> {
	return {
		...guildPayload(guild),
		joined_at: new Date(Date.now() - 86_400_000).toISOString(),
		large: false,
		unavailable: false,
		lazy: true,
		member_count: 2,
		members: [memberPayload(bot)],
		channels: guild.channels.map(channelPayload),
		threads: guild.threads.map(channelPayload),
		presences: [],
		voice_states: [],
		stage_instances: [],
		guild_scheduled_events: [],
		soundboard_sounds: [],
	};
}
