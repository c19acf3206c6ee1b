/**
 * Discord's documented limits that its OpenAPI spec does not express; everything the spec does
 * express (lengths, counts, types, required fields, choices) is checked against the spec itself
 * (openapi.ts), not here. These run after the spec, on bodies that may be malformed.
 */
import { ApplicationCommandOptionType, ApplicationCommandType, InteractionResponseType, MessageFlags } from 'discord.js';
import type { FormProblem } from './errors.ts';

type Path = (string | number)[];
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const lengthOf = (value: unknown): number => (typeof value === 'string' ? value.length : 0);

/** Characters an embed counts towards the 6000 of a message: title, description, field names and values, footer text, author name. */
function embedSize(embed: Json): number {
	const fields = Array.isArray(embed.fields) ? embed.fields.filter(isObject) : [];
	const nested = (key: string, inner: string): number => (isObject(embed[key]) ? lengthOf(embed[key][inner]) : 0);
	return (
		lengthOf(embed.title) +
		lengthOf(embed.description) +
		nested('footer', 'text') +
		nested('author', 'name') +
		fields.reduce((sum, field) => sum + lengthOf(field.name) + lengthOf(field.value), 0)
	);
}

/**
 * A message body (create or edit), at `at` in the request:
 * - content up to 2000 characters: the spec says 4000 on the channel routes, which is a Nitro
 *   user's limit, not a bot's (the webhook and interaction schemas say 2000 themselves), so only
 *   those routes (`channelRoute`) check it here;
 * - embeds of 6000 characters in all ("Embed Limits"), with non-empty field names and values
 *   (the spec requires the keys, not that they hold anything);
 * - at most 5 action rows without the IS_COMPONENTS_V2 flag (the spec allows 40 components, the
 *   limit with it).
 */
export function messageLimits(body: unknown, channelRoute: boolean, at: Path = []): FormProblem[] {
	if (!isObject(body)) return [];
	const problems: FormProblem[] = [];
	if (channelRoute && lengthOf(body.content) > 2000)
		problems.push({ path: [...at, 'content'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' });
	const embeds = Array.isArray(body.embeds) ? body.embeds : [];
	embeds.forEach((embed, i) => {
		if (!isObject(embed) || !Array.isArray(embed.fields)) return;
		embed.fields.forEach((field, j) => {
			for (const key of ['name', 'value'] as const) {
				if (isObject(field) && field[key] === '')
					problems.push({ path: [...at, 'embeds', i, 'fields', j, key], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
			}
		});
	});
	if (embeds.filter(isObject).reduce((sum, embed) => sum + embedSize(embed), 0) > 6000)
		problems.push({ path: [...at, 'embeds'], code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' });
	const components = Array.isArray(body.components) ? body.components : [];
	const v2 = typeof body.flags === 'number' && (body.flags & MessageFlags.IsComponentsV2) !== 0;
	if (!v2 && components.length > 5)
		problems.push({ path: [...at, 'components'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 5 or fewer in length.' });
	return problems;
}

/** The message in an interaction callback: only a reply or an update carries one. */
export function callbackLimits(body: unknown): FormProblem[] {
	if (!isObject(body)) return [];
	const carriesMessage =
		body.type === InteractionResponseType.ChannelMessageWithSource || body.type === InteractionResponseType.UpdateMessage;
	return carriesMessage ? messageLimits(body.data, false, ['data']) : [];
}

/** Whether creating this message would be refused as empty (50006): no content, embed, component, file, sticker or poll. */
export function isEmptyMessage(body: Json, fileCount: number): boolean {
	const has = (key: string): boolean => (Array.isArray(body[key]) ? (body[key] as unknown[]).length > 0 : Boolean(body[key]));
	return !has('content') && !has('embeds') && !has('components') && fileCount === 0 && !has('sticker_ids') && !has('poll');
}

/** Discord's naming rule for commands and options (its length, 1 to 32, is the spec's). */
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]+$/u;

function commandProblems(problems: FormProblem[], command: Json, at: Path, chatInput: boolean, isOption: boolean): void {
	const name = typeof command.name === 'string' ? command.name : '';
	if (!NAME.test(name) || (chatInput && name !== name.toLowerCase())) {
		problems.push({ path: [...at, 'name'], code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
	}
	// Options require a description in the spec; a chat input command's own one is optional there, not in Discord.
	if (chatInput && !isOption && lengthOf(command.description) === 0) {
		problems.push({ path: [...at, 'description'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
	}
	const options = Array.isArray(command.options) ? command.options.filter(isObject) : [];
	let optionalSeen = false;
	const seen = new Set<unknown>();
	options.forEach((option, i) => {
		if (seen.has(option.name))
			problems.push({
				path: [...at, 'options', i, 'name'],
				code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
				message: 'Option names must be unique',
			});
		seen.add(option.name);
		const isSub = option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup;
		if (!isSub && option.required === true && optionalSeen) {
			problems.push({
				path: [...at, 'options'],
				code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
				message: 'Required options must be placed before non-required options',
			});
		}
		if (!isSub && option.required !== true) optionalSeen = true;
		commandProblems(problems, option, [...at, 'options', i], true, true);
	});
}

/** A bulk overwrite (PUT, a list) or one command (POST): names, descriptions, duplicates and option order, as Discord checks them. */
export function commandLimits(body: unknown, bulk: boolean): FormProblem[] {
	const commands = bulk ? (Array.isArray(body) ? body : []) : [body];
	const problems: FormProblem[] = [];
	const seen = new Set<string>();
	commands.forEach((command, i) => {
		if (!isObject(command)) return;
		const at: Path = bulk ? [i] : [];
		const type: unknown = command.type ?? ApplicationCommandType.ChatInput;
		const key = `${String(type)}:${String(command.name)}`;
		if (seen.has(key))
			problems.push({
				path: [...at, 'name'],
				code: 'APPLICATION_COMMANDS_DUPLICATE_NAME',
				message: 'Application command names must be unique',
			});
		seen.add(key);
		commandProblems(problems, command, at, type === ApplicationCommandType.ChatInput, false);
	});
	return problems;
}
