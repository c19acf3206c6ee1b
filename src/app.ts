import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { commands, components } from '../commands/index.js';
import { createInteractionHandler } from './bot/interaction-handler.js';
import { registerCommands } from './bot/register-commands.js';
import { NO_MENTIONS } from './bot/render/style.js';
import { safeError } from './bot/safe-error.js';
import { SearchSessions } from './bot/search-sessions.js';
import type { BotContext } from './bot/types.js';
import { loadConfig } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { SearchPool } from './search/search-pool.js';

/** Search result pages can be turned for this long; Discord lets a reply be edited for 15 minutes. */
export const SEARCH_SESSION_TTL_MS = 10 * 60_000;

export interface Paperboy {
	readonly client: Client<true>;
	readonly context: BotContext;
	stop(): Promise<void>;
}

export interface StartOptions {
	/** Where logs go (tests capture them); stdout by default. */
	readonly logger?: Logger;
}

/**
 * The one wiring point: configuration, papers and their index, the Discord client and its
 * handlers. Everything else receives what it needs from here.
 */
export async function startPaperboy(env: NodeJS.ProcessEnv, options: StartOptions = {}): Promise<Paperboy> {
	const config = loadConfig(env);
	const logger = options.logger ?? createLogger(config.logLevel);
	const started = performance.now();
	const indexed = await SearchPool.start(config.papersDir, config.searchThreads, (error) =>
		logger.error({ err: safeError(error) }, 'a search thread stopped; starting a new one'),
	);
	const { search } = indexed;
	for (const warning of indexed.warnings) logger.warn({ file: warning.file, line: warning.line }, warning.message);
	logger.info({ papers: indexed.papers, ms: Math.round(performance.now() - started) }, 'papers indexed');

	const sessions = new SearchSessions(SEARCH_SESSION_TTL_MS, (error) => logger.warn({ err: safeError(error) }, 'could not retire a search message'));
	const context: BotContext = { config, logger, search, sessions, startedAt: new Date() };
	const client = new Client({
		intents: [GatewayIntentBits.Guilds],
		allowedMentions: NO_MENTIONS,
		...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
	});
	const handle = createInteractionHandler(commands, components, context);
	client.on(Events.InteractionCreate, (interaction) => void handle(interaction));
	client.on(Events.Error, (error) => logger.error({ err: safeError(error) }, 'Discord client error'));
	client.on(Events.Warn, (message) => logger.warn(message));
	client.rest.on('rateLimited', (info) => logger.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'rate limited by Discord, waiting'));

	let registered: number;
	try {
		const ready = once(client, Events.ClientReady);
		await client.login(config.discordToken);
		await ready;
		registered = await registerCommands(client.rest, commands, config.guildId);
	} catch (error) {
		// Leave nothing running behind a failed start: the search threads would keep the process alive.
		await Promise.all([sessions.close(), client.destroy(), search.close()]);
		throw error;
	}
	logger.info(
		{ papers: indexed.papers, commands: registered, scope: config.guildId ? 'guild' : 'global', guilds: client.guilds.cache.size, ms: Math.round(performance.now() - started) },
		'Paperboy is ready',
	);
	return {
		client: client as Client<true>,
		context,
		async stop() {
			await sessions.close();
			await client.destroy();
			await search.close();
			logger.info('Paperboy stopped');
		},
	};
}
