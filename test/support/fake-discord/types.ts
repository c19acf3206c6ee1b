import type { ApplicationCommandType, ChannelType, InteractionType, OverwriteType } from 'discord.js';
import type { IncomingHttpHeaders } from 'node:http';
import type { BotPermissions, RateLimitOptions } from './types-control.ts';
import type { FakeMessage } from './types-messages.ts';

export type {
	BotPermissions,
	FailureRule,
	HeldReply,
	HeldResponse,
	RateLimitOptions,
	RequestMatch,
	SpecViolation,
} from './types-control.ts';
export type { FakeEmbed, FakeMessage, InteractionCallback, MessageBody } from './types-messages.ts';

export interface FakeChannelOptions {
	id?: string;
	name: string;
	/** Discord's channel type: GuildText (default), GuildVoice, GuildCategory, GuildAnnouncement... */
	type?: ChannelType;
	/** Overwrite type 0 is a role (OverwriteType.Role), 1 a member. */
	permissionOverwrites?: { id: string; type: OverwriteType; allow: string; deny: string }[];
	/** What the bot may do here (default: everything); see `discord.setBotPermissions`. */
	botPermissions?: BotPermissions;
	/** A forum's (ChannelType.GuildForum) tags to start with; ids are made up. */
	availableTags?: string[];
}

export interface FakeGuildOptions {
	id?: string;
	name: string;
	ownerId?: string;
	/** Defaults to one text channel named `general`. */
	channels?: FakeChannelOptions[];
}

export interface FakeDiscordOptions {
	/** The bot token: checked in IDENTIFY and in every authenticated REST call (`Bot <token>`). */
	token: string;
	/** Defaults to the bot user's id, as for applications made today. */
	applicationId?: string;
	botUser?: { id?: string; username?: string };
	/** Defaults to one guild `Test Guild` with one text channel `general`. */
	guilds?: FakeGuildOptions[];
	/** Shard count recommended by GET /gateway/bot (default 1); discord.js follows it only with `shards: 'auto'`. */
	shards?: number;
	/**
	 * session_start_limit.max_concurrency (default: `shards`, so that several shards identify at
	 * once; with 1, @discordjs/ws waits 5 s between shards, as with Discord).
	 */
	maxConcurrency?: number;
	/** HELLO's heartbeat_interval in ms (default 41 250, Discord's). */
	heartbeatInterval?: number;
	/** Rate limit of POST /channels/{id}/messages per channel, with honest headers and 429s (none when absent). */
	messageRateLimit?: RateLimitOptions;
	/** The address REST and the gateway listen on (default 127.0.0.1); a test's private bridge reaches bots in other network namespaces. */
	host?: string;
}

export interface FakeUser {
	id: string;
	username: string;
	discriminator: string;
	global_name: string | null;
	avatar: string | null;
	bot?: boolean;
}

export interface FakeChannel {
	id: string;
	name: string;
	type: ChannelType;
	guildId: string;
	position: number;
	permissionOverwrites: { id: string; type: OverwriteType; allow: string; deny: string }[];
	/** Mirrored into a member overwrite for the bot, so discord.js's permissionsFor agrees with the REST answers. */
	botPermissions: Required<BotPermissions>;
	/** A forum's tags (at most 20, as Discord allows). */
	availableTags?: FakeTag[];
	/** A thread's: the channel (or forum) it is in, who started it, and the forum tags it carries. */
	thread?: { parentId: string; ownerId: string; appliedTags: string[]; createdAt: string };
}

export interface FakeTag {
	id: string;
	name: string;
	moderated: boolean;
	emoji_id: string | null;
	emoji_name: string | null;
}

export interface FakeGuild {
	id: string;
	name: string;
	ownerId: string;
	channels: FakeChannel[];
	/** Its active threads (forum posts among them), oldest first; not in `channels`, as in Discord. */
	threads: FakeChannel[];
}

export interface RecordedFile {
	/** The form field, e.g. `files[0]`. */
	field: string;
	name: string;
	contentType: string;
	data: Buffer;
}

export interface RecordedRequest {
	method: string;
	/** Path after `/api/v10`, percent-decoded: `/webhooks/1/tok/messages/@original`. */
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	/** Parsed JSON body, or multipart `payload_json`; undefined when there is none. */
	body: unknown;
	files: RecordedFile[];
	/** Status the fake answered with (0 while being handled). */
	status: number;
	/** True when no route matched (answered 404). */
	unknownRoute: boolean;
	at: number;
}

export interface IdentifyRecord {
	token: string;
	intents: number;
	shard: [number, number];
	properties: unknown;
	sessionId: string;
}

export interface RegisteredCommand {
	id: string;
	application_id: string;
	guild_id?: string;
	version: string;
	type: ApplicationCommandType;
	name: string;
	description: string;
	options?: unknown[];
	default_member_permissions: string | null;
	[key: string]: unknown;
}

export interface DispatchInteractionOptions {
	type:
		| InteractionType.ApplicationCommand
		| InteractionType.MessageComponent
		| InteractionType.ApplicationCommandAutocomplete
		| InteractionType.ModalSubmit;
	/** Interaction data: `{ name, options }` for commands (id and type filled in), `{ custom_id, component_type? }` for components. */
	data: Record<string, unknown>;
	/** Defaults to the first guild; ignored when `dm` is true. */
	guildId?: string;
	/** Defaults to the guild's first text channel. */
	channelId?: string;
	/** Dispatch as from a DM with the bot (no guild, no member). */
	dm?: boolean;
	/** Defaults to `discord.defaultUser` (the same for every dispatch); given fields override it. */
	user?: { id?: string; username?: string; globalName?: string };
	/** The member's permissions in the channel, a bitfield string (default: a plain member's). */
	permissions?: string;
	/** The member's permissions in channels that channel options name, by channel id (default: `permissions`). */
	channelPermissions?: Record<string, string>;
	roles?: string[];
	/** For components: the message the component is on (default: a bot message in the channel). */
	message?: Partial<FakeMessage>;
	locale?: string;
	/** The bot's permissions there (default: administrator, or what setBotPermissions left it in the channel). */
	appPermissions?: string;
}
