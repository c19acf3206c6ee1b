import type { InteractionResponseType, MessageType } from 'discord.js';
import type { FakeUser } from './types.ts';

export interface FakeEmbed {
	title?: string;
	description?: string;
	url?: string;
	color?: number;
	fields?: { name: string; value: string; inline?: boolean }[];
	footer?: { text: string; icon_url?: string };
	author?: { name: string; url?: string; icon_url?: string };
	[key: string]: unknown;
}

/** A message body as the bot sends it (create or edit), parsed from JSON or multipart `payload_json`. */
export interface MessageBody {
	content?: string;
	embeds?: FakeEmbed[];
	components?: unknown[];
	flags?: number;
	allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[]; replied_user?: boolean };
	nonce?: string | number;
	enforce_nonce?: boolean;
	tts?: boolean;
	attachments?: unknown[];
	[key: string]: unknown;
}

/** A message as the fake stores it and returns it: Discord's message object. */
export interface FakeMessage {
	id: string;
	channel_id: string;
	guild_id?: string;
	type: MessageType;
	content: string;
	author: FakeUser;
	embeds: FakeEmbed[];
	components: unknown[];
	attachments: { id: string; filename: string; size: number; url: string; proxy_url: string; content_type?: string }[];
	mentions: unknown[];
	mention_roles: string[];
	mention_everyone: boolean;
	pinned: boolean;
	tts: boolean;
	timestamp: string;
	edited_timestamp: string | null;
	flags: number;
	/** The thread started from this message, once there is one. */
	thread?: Record<string, unknown>;
	nonce?: string | number;
	webhook_id?: string;
	application_id?: string;
}

export interface InteractionCallback {
	type: InteractionResponseType;
	data?: MessageBody & { choices?: { name: string; value: string | number }[]; custom_id?: string; title?: string };
}
