import type {
	AutocompleteInteraction,
	ChatInputCommandInteraction,
	MessageComponentInteraction,
	RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { SearchService } from '../search/search-service.js';
import type { SearchSessions } from './search-sessions.js';

/** What command handlers work with; built once by the entry point. */
export interface BotContext {
	readonly config: Config;
	readonly logger: Logger;
	readonly search: SearchService;
	readonly sessions: SearchSessions;
	readonly startedAt: Date;
}

export interface SlashCommand {
	readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
	execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void>;
	autocomplete?(interaction: AutocompleteInteraction, context: BotContext): Promise<void>;
}

/** Handles the buttons and menus whose custom id starts with `prefix` followed by a colon. */
export interface ComponentHandler {
	readonly prefix: string;
	handle(interaction: MessageComponentInteraction, context: BotContext, args: readonly string[]): Promise<void>;
}

/** A mistake the member can fix; shown to them privately, never logged as a failure. */
export class UserError extends Error {
	override readonly name = 'UserError';
}
