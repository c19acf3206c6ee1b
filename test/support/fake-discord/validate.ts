import { Errors, invalidForm } from './errors.ts';
import type { FormProblem, Reply } from './errors.ts';
import { MessageFlag } from './messages.ts';
import type { FakeEmbed, MessageBody } from './types.ts';

type Path = (string | number)[];

function maxLength(problems: FormProblem[], path: Path, value: unknown, max: number): number {
	if (value === undefined || value === null) return 0;
	const text = String(value);
	if (text.length > max) problems.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
	return text.length;
}

function embedProblems(problems: FormProblem[], embed: FakeEmbed, at: Path): number {
	let total = maxLength(problems, [...at, 'title'], embed.title, 256);
	total += maxLength(problems, [...at, 'description'], embed.description, 4096);
	total += maxLength(problems, [...at, 'footer', 'text'], embed.footer?.text, 2048);
	total += maxLength(problems, [...at, 'author', 'name'], embed.author?.name, 256);
	const fields = embed.fields ?? [];
	if (fields.length > 25)
		problems.push({ path: [...at, 'fields'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
	fields.forEach((field, i) => {
		total += maxLength(problems, [...at, 'fields', i, 'name'], field.name, 256);
		total += maxLength(problems, [...at, 'fields', i, 'value'], field.value, 1024);
		for (const key of ['name', 'value'] as const) {
			if (!field[key]) problems.push({ path: [...at, 'fields', i, key], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
		}
	});
	return total;
}

/**
 * Checks a message body against Discord's limits (content 2000, 10 embeds, embed limits and
 * 6000 characters in all, 5 action rows); `create` also refuses an empty message.
 * Returns the error reply, or null when the body is fine.
 */
export function validateMessage(body: MessageBody, create: boolean, fileCount = 0): Reply | null {
	const problems: FormProblem[] = [];
	maxLength(problems, ['content'], body.content, 2000);
	const embeds = Array.isArray(body.embeds) ? body.embeds : [];
	if (embeds.length > 10) problems.push({ path: ['embeds'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 10 or fewer in length.' });
	const total = embeds.reduce((sum, embed, i) => sum + embedProblems(problems, embed, ['embeds', i]), 0);
	if (total > 6000)
		problems.push({ path: ['embeds'], code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' });
	const components = Array.isArray(body.components) ? body.components : [];
	const v2 = typeof body.flags === 'number' && (body.flags & MessageFlag.IsComponentsV2) !== 0;
	if (!v2 && components.length > 5)
		problems.push({ path: ['components'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 5 or fewer in length.' });
	if (typeof body.nonce === 'string' && body.nonce.length > 25)
		problems.push({ path: ['nonce'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
	if (problems.length > 0) return invalidForm(problems);
	const empty = !body.content && embeds.length === 0 && components.length === 0 && fileCount === 0 && !body.sticker_ids && !body.poll;
	return create && empty ? Errors.emptyMessage() : null;
}

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

interface CommandLike {
	type?: number;
	name?: unknown;
	description?: unknown;
	options?: CommandLike[];
	choices?: unknown[];
	required?: boolean;
}

function commandProblems(problems: FormProblem[], command: CommandLike, at: Path, chatInput: boolean): void {
	const name = typeof command.name === 'string' ? command.name : '';
	if (!NAME.test(name) || (chatInput && name !== name.toLowerCase())) {
		problems.push({ path: [...at, 'name'], code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
	}
	const description = typeof command.description === 'string' ? command.description : '';
	if (chatInput && (description.length < 1 || description.length > 100)) {
		problems.push({ path: [...at, 'description'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
	}
	if ((command.choices?.length ?? 0) > 25)
		problems.push({ path: [...at, 'choices'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
	const options = command.options ?? [];
	if (options.length > 25)
		problems.push({ path: [...at, 'options'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
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
		const isSub = option.type === 1 || option.type === 2;
		if (!isSub && option.required && optionalSeen) {
			problems.push({
				path: [...at, 'options'],
				code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
				message: 'Required options must be placed before non-required options',
			});
		}
		if (!isSub && !option.required) optionalSeen = true;
		commandProblems(problems, option, [...at, 'options', i], true);
	});
}

/** Checks a bulk overwrite the way Discord does (names, descriptions, option counts and order, duplicates). */
export function validateCommands(commands: unknown): Reply | null {
	if (!Array.isArray(commands)) return invalidForm([{ path: [], code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }]);
	const problems: FormProblem[] = [];
	const seen = new Set<string>();
	(commands as CommandLike[]).forEach((command, i) => {
		const type = command.type ?? 1;
		const key = `${type}:${String(command.name)}`;
		if (seen.has(key))
			problems.push({
				path: [i, 'name'],
				code: 'APPLICATION_COMMANDS_DUPLICATE_NAME',
				message: `Application command names must be unique`,
			});
		seen.add(key);
		commandProblems(problems, command, [i], type === 1);
	});
	return problems.length > 0 ? invalidForm(problems) : null;
}
