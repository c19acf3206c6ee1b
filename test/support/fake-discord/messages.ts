import { MessageFlags, MessageType } from 'discord.js';
import { invalidForm } from './errors.ts';
import type { FormProblem, Reply } from './errors.ts';
import { userPayload } from './payloads.ts';
import { snowflake } from './snowflake.ts';
import type { FakeEmbed, FakeMessage, FakeUser, MessageBody, RecordedFile } from './types.ts';

/** Discord's message flags (discord.js's MessageFlags), under the name the e2e tests have imported them by. */
export const MessageFlag = MessageFlags;

/** A message object as Discord returns it, built from what the bot sent (without the nonce: only the create answer has it). */
export function messagePayload(channelId: string, guildId: string | undefined, author: FakeUser, body: MessageBody): FakeMessage {
	const message: FakeMessage = {
		id: snowflake(),
		channel_id: channelId,
		type: MessageType.Default,
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
	applyMessageEdit(message, body, false);
	return message;
}

/** The attachment objects Discord makes of the files uploaded with a message (multipart `files[n]`). */
export function attachmentsOf(channelId: string, files: readonly RecordedFile[]): FakeMessage['attachments'] {
	return files.map((file) => {
		const id = snowflake();
		const url = `https://cdn.discordapp.com/attachments/${channelId}/${id}/${file.name}`;
		return { id, filename: file.name, size: file.data.length, url, proxy_url: url, content_type: file.contentType };
	});
}

/** Applies the editable fields of a body to a message (like PATCH does); editing clears the loading flag. */
export function applyMessageEdit(message: FakeMessage, body: MessageBody, edited = true): void {
	if (body.content !== undefined) message.content = body.content === null ? '' : String(body.content);
	if (body.embeds === null) message.embeds = [];
	if (Array.isArray(body.embeds)) message.embeds = body.embeds.map((embed: FakeEmbed) => ({ type: 'rich', ...embed }));
	if (body.components === null) message.components = [];
	if (Array.isArray(body.components)) message.components = body.components;
	const keep = edited ? message.flags & MessageFlags.Ephemeral : 0;
	const asked = typeof body.flags === 'number' ? body.flags : edited ? message.flags : 0;
	message.flags = (keep | asked) & ~MessageFlags.Loading;
	if (edited) message.edited_timestamp = new Date().toISOString();
}

function queryProblems(query: Record<string, string>): FormProblem[] {
	const problems: FormProblem[] = [];
	const limit = query.limit === undefined ? 50 : Number(query.limit);
	if (!Number.isInteger(limit))
		problems.push({ path: ['limit'], code: 'NUMBER_TYPE_COERCE', message: `Value "${query.limit}" is not int.` });
	else if (limit < 1)
		problems.push({ path: ['limit'], code: 'NUMBER_TYPE_MIN', message: 'int value should be greater than or equal to 1.' });
	else if (limit > 100)
		problems.push({ path: ['limit'], code: 'NUMBER_TYPE_MAX', message: 'int value should be less than or equal to 100.' });
	for (const key of ['around', 'before', 'after'] as const) {
		const value = query[key];
		if (value !== undefined && !/^\d{1,20}$/.test(value))
			problems.push({ path: [key], code: 'NUMBER_TYPE_COERCE', message: `Value "${value}" is not snowflake.` });
	}
	return problems;
}

/**
 * GET /channels/{id}/messages over a channel's messages (oldest first): `limit` 1-100 (default 50),
 * and one of `around`, `before`, `after` (Discord takes one; so does this, in that order).
 * Always newest first: `before` gives the `limit` messages just before the id, `after` the `limit`
 * just after it, `around` up to half of them before it and the rest from it on (itself included).
 */
export function listMessages(all: readonly FakeMessage[], query: Record<string, string>): Reply {
	const problems = queryProblems(query);
	if (problems.length > 0) return invalidForm(problems);
	const limit = query.limit === undefined ? 50 : Number(query.limit);
	const { around, before, after } = query;
	const older = (id: string): FakeMessage[] => all.filter((m) => BigInt(m.id) < BigInt(id));
	const newer = (id: string, orSame: boolean): FakeMessage[] => all.filter((m) => BigInt(m.id) > BigInt(id) || (orSame && m.id === id));
	let picked: FakeMessage[];
	if (around !== undefined) {
		const half = Math.floor(limit / 2);
		const earlier = half === 0 ? [] : older(around).slice(-half);
		picked = [...earlier, ...newer(around, true).slice(0, limit - earlier.length)];
	} else if (before !== undefined) picked = older(before).slice(-limit);
	else if (after !== undefined) picked = newer(after, false).slice(0, limit);
	else picked = all.slice(-limit);
	return { status: 200, body: picked.reverse() };
}
