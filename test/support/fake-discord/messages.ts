import { userPayload } from './payloads.js';
import { snowflake } from './snowflake.js';
import type { FakeEmbed, FakeMessage, FakeUser, MessageBody } from './types.js';

export const MessageFlag = { Ephemeral: 64, Loading: 128, IsComponentsV2: 1 << 15 } as const;

/** A message object as Discord returns it, built from what the bot sent. */
export function messagePayload(channelId: string, guildId: string | undefined, author: FakeUser, body: MessageBody): FakeMessage {
	const message: FakeMessage = {
		id: snowflake(),
		channel_id: channelId,
		type: 0,
		content: '',
		author: userPayload(author),
		embeds: [],
		components: [],
		attachments: [],
		mentions: [],
		mention_roles: [],
		mention_everyone: false,
		pinned: false,
		tts: Boolean(body.tts),
		timestamp: new Date().toISOString(),
		edited_timestamp: null,
		flags: 0,
	};
	if (guildId !== undefined) message.guild_id = guildId;
	if (body.nonce !== undefined) message.nonce = body.nonce;
	applyMessageEdit(message, body, false);
	return message;
}

/** Applies the editable fields of a body to a message (like PATCH does); editing clears the loading flag. */
export function applyMessageEdit(message: FakeMessage, body: MessageBody, edited = true): void {
	if (body.content !== undefined) message.content = body.content === null ? '' : String(body.content);
	if (body.embeds === null) message.embeds = [];
	if (Array.isArray(body.embeds)) message.embeds = body.embeds.map((embed: FakeEmbed) => ({ type: 'rich', ...embed }));
	if (body.components === null) message.components = [];
	if (Array.isArray(body.components)) message.components = body.components;
	const keep = edited ? message.flags & MessageFlag.Ephemeral : 0;
	const asked = typeof body.flags === 'number' ? body.flags : edited ? message.flags : 0;
	message.flags = (keep | asked) & ~MessageFlag.Loading;
	if (edited) message.edited_timestamp = new Date().toISOString();
}
