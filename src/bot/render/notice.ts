import { MessageFlags, type InteractionReplyOptions } from 'discord.js';
import { NO_MENTIONS } from './style.ts';
import { fit, LIMITS } from './text.ts';

/** A private message to the member who acted. */
export function notice(text: string): InteractionReplyOptions & { flags: MessageFlags.Ephemeral } {
	return { content: fit(text, LIMITS.content, { markdown: false }), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS };
}

/** No result: say what was searched and what to try instead. */
export function noResults(query: string, notes: readonly string[]): InteractionReplyOptions {
	const why = notes.length > 0 ? `\n${notes.map((note) => `• ${note}`).join('\n')}` : '';
	const tips = 'Try fewer or more general words, check the spelling of rare names, or drop quotes and exclusions.';
	return notice(`No papers match “${fit(query, 300)}”.${why}\n${tips}`);
}

/** For a command or subcommand Discord still offers but this version of the bot no longer has. */
export const COMMAND_GONE = 'This command is not available any more.';
/** For a button or menu on an old message that nothing answers any more. */
export const CONTROL_GONE = 'This control does not work any more.';
