import type {
	APIApplicationCommandSubcommandOption,
	AutocompleteInteraction,
	ChatInputCommandInteraction,
	MessageComponentInteraction,
	RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Config } from '../config.ts';
import type { ChannelFeeds } from '../delivery/channel-feeds.ts';
import type { Logger } from '../logger.ts';
import type { ReadingLists } from '../reading-lists/reading-lists.ts';
import type { SearchService } from '../search/search-service.ts';
import type { SearchSessions } from './search-sessions.ts';

/** What command handlers work with; built once by the entry point. */
export interface BotContext {
	readonly config: Config;
	readonly logger: Logger;
	readonly search: SearchService;
	readonly sessions: SearchSessions;
	readonly feeds: ChannelFeeds;
	readonly readingLists: ReadingLists;
	readonly startedAt: Date;
}

/** A top-level slash command (`/paper`), as registered with Discord and answered. */
export interface SlashCommand {
	readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
	execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void>;
	autocomplete?(interaction: AutocompleteInteraction, context: BotContext): Promise<void>;
}

/**
 * One subcommand (`/paper search`), in a file of its own: `data` is its definition (from a
 * SlashCommandSubcommandBuilder's toJSON), and its name is the one it is registered and dispatched under.
 */
export interface Subcommand {
	readonly data: APIApplicationCommandSubcommandOption;
	execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void>;
	autocomplete?(interaction: AutocompleteInteraction, context: BotContext): Promise<void>;
}

/** Handles the buttons and menus whose custom id starts with `prefix` followed by a colon. */
export interface ComponentHandler {
	readonly prefix: string;
	handle(interaction: MessageComponentInteraction, context: BotContext, args: readonly string[]): Promise<void>;
}

/** Everything the bot answers: its commands and the components on their messages; the entry point hands it to the client. */
export interface CommandRegistry {
	readonly commands: readonly SlashCommand[];
	readonly components: readonly ComponentHandler[];
}
