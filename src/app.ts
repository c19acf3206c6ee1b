import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { hostname } from 'node:os';
import { Events, type Client } from 'discord.js';
import { commands, components } from '../commands/index.ts';
import { createDiscordClient, destroyDiscordClient, gatewayProblem, handleEvents } from './bot/discord-client.ts';
import { DiscordSink } from './bot/discord-sink.ts';
import { registerCommands } from './bot/register-commands.ts';
import { SearchSessions } from './bot/search-sessions.ts';
import type { BotContext } from './bot/types.ts';
import { loadConfig } from './config.ts';
import type { PaperIntake } from './delivery/paper-intake.ts';
import { createDelivery } from './delivery/start-delivery.ts';
import { Leadership } from './leadership.ts';
import { createLogger, type Logger } from './logger.ts';
import { startObservability } from './metrics/observability.ts';
import { timedSearch } from './metrics/timed-search.ts';
import { ReadingLists } from './reading-lists/reading-lists.ts';
import { startSearch } from './search/start-search.ts';
import { startNetworkSources, watchPapersFolder } from './sources/start-sources.ts';
import { openStorage, redactUrl } from './storage/storage.ts';
import { refuseUnfinishedTransfer } from './storage/transfer.ts';

/** Search result pages can be turned for this long; Discord lets a reply be edited for 15 minutes. */
export const SEARCH_SESSION_TTL_MS = 10 * 60_000;
export interface Paperboy {
	readonly client: Client<true>;
	readonly context: BotContext;
	/** Where /healthz, /readyz and /metrics answer (METRICS_PORT set), e.g. `http://127.0.0.1:9464`. */
	readonly metricsUrl: string | undefined;
	stop(): Promise<void>;
}

export interface StartOptions {
	/** Where logs go (tests capture them); stdout by default. */
	readonly logger?: Logger;
	/** The clock digests are timed by; tests move it to the digest hour. */
	readonly now?: () => Date;
}

/**
 * The one wiring point: configuration, storage, papers and their index, subscriptions and
 * delivery, the sources of new papers, the Discord client and its handlers. Everything else
 * receives what it needs from here.
 */
export async function startPaperboy(env: NodeJS.ProcessEnv, options: StartOptions = {}): Promise<Paperboy> {
	const config = loadConfig(env);
	// Which shards this process runs, when they are split between processes (hosts).
	const shards = config.shardIds;
	const baseLogger = options.logger ?? createLogger(config.logLevel);
	const logger = shards ? baseLogger.child({ shard: shards }) : baseLogger;
	const started = performance.now();
	const observed = await startObservability(config, logger);
	const { metrics, readiness } = observed;
	const cleanup: (() => Promise<unknown>)[] = [() => observed.close()];
	let intakeFailed: (error: Error) => void = () => {};
	const stopAll = async () => {
		for (const step of cleanup.splice(0).reverse())
			await step().catch((error: unknown) => logger.error({ event: 'stop_step_failed', err: error }, 'error while stopping'));
	};
	try {
		readiness.waitFor(`opening the store at ${redactUrl(config.storageUrl)}`);
		const storage = await openStorage(config.storageUrl);
		cleanup.push(() => storage.close());
		await refuseUnfinishedTransfer(storage);
		readiness.waitFor('loading the papers and their index');
		// Watching starts before the folder is read, so nothing written meanwhile is missed.
		let intakeReady!: (intake: PaperIntake) => void;
		const intake = new Promise<PaperIntake>((resolve, reject) => {
			intakeReady = resolve;
			// A failed start must not leave the watcher waiting for an intake that never comes.
			intakeFailed = reject;
		});
		intake.catch(() => {});
		const folder = await watchPapersFolder(config, logger, intake);
		let folderClosed: Promise<void> | undefined;
		const closeFolder = () => (folderClosed ??= folder.close());
		cleanup.push(closeFolder);
		const indexed = await startSearch(config, logger);
		const search = metrics ? timedSearch(indexed.search, metrics) : indexed.search;
		cleanup.push(() => indexed.close());
		logger.info({ event: 'papers_indexed', papers: indexed.papers, ms: Math.round(performance.now() - started) }, 'papers indexed');

		const client = createDiscordClient(config, logger, metrics);
		cleanup.push(() => destroyDiscordClient(client));
		// The work that must happen once, however many processes share the store: catching up on
		// papers that arrived meanwhile, and posting. Searches and commands are answered everywhere.
		const leadership = new Leadership({
			lease: storage.lease('delivery'),
			store: storage,
			// Host and pid say which process it is; the random part keeps it unique where pids repeat (containers).
			owner: `${hostname()}:${process.pid}${shards ? `:shard-${shards.join('-')}` : ''}:${randomUUID().slice(0, 8)}`,
			logger,
			lead: async () => {
				try {
					await delivery.intake.catchUp();
					await delivery.deliverer.start();
				} catch (error) {
					await delivery.deliverer.close();
					throw error;
				}
				return { stop: () => delivery.deliverer.close() };
			},
		});
		const sink = new DiscordSink(
			client.rest,
			() => client.user!.id,
			logger,
			(id) => client.channels.cache.get(id)?.type,
		);
		const delivery = await createDelivery({
			storage,
			search,
			sink,
			logger,
			isLeader: () => leadership.isLeader,
			metrics,
			...(options.now ? { now: options.now } : {}),
		});
		metrics?.watch({
			papers: async () => (await search.stats()).papers,
			isLeader: () => leadership.isLeader,
			deliveryQueue: () => delivery.deliverer.queueSizes(),
		});
		await delivery.intake.loadStored();
		const sessions = new SearchSessions(SEARCH_SESSION_TTL_MS, (error) =>
			logger.warn({ event: 'search_session_retire_failed', err: error }, 'could not retire a search message'),
		);
		cleanup.push(() => sessions.close());
		const readingLists = new ReadingLists(storage);
		const context: BotContext = { config, logger, search, sessions, feeds: delivery.feeds, readingLists, startedAt: new Date() };
		handleEvents(client, { commands, components }, context, delivery.feeds, metrics);

		readiness.waitFor('connecting to Discord');
		const ready = once(client, Events.ClientReady);
		await client.login(config.discordToken);
		await ready;
		// One bulk overwrite is enough: when the shards are split between processes, shard 0's registers.
		const registered = shards && !shards.includes(0) ? 0 : await registerCommands(client.rest, commands, config.guildId);

		readiness.waitFor('starting delivery');
		await leadership.start();
		cleanup.push(() => leadership.stop());
		intakeReady(delivery.intake);
		const network = await startNetworkSources(config, logger, delivery.intake, metrics);
		// Sources stop first, so nothing arrives while the rest shuts down.
		cleanup.push(closeFolder, () => network.close());
		readiness.started({ probeStore: () => storage.probe(), storeLocation: storage.location, discordProblem: () => gatewayProblem(client) });
		logger.info(
			{
				event: 'ready',
				papers: indexed.papers,
				subscribedChannels: delivery.subscriptions.channelCount,
				commands: registered,
				scope: config.guildId ? 'guild' : 'global',
				guilds: client.guilds.cache.size,
				storage: `${storage.kind} ${storage.location}`,
				leader: leadership.isLeader,
				ms: Math.round(performance.now() - started),
			},
			'Paperboy is ready',
		);
		return {
			client: client as Client<true>,
			context,
			metricsUrl: observed.url,
			async stop() {
				readiness.waitFor('shutting down');
				await stopAll();
				logger.info({ event: 'stopped' }, 'Paperboy stopped');
			},
		};
	} catch (error) {
		// Leave nothing running behind a failed start: search threads and timers would keep the process alive.
		intakeFailed(new Error('Paperboy did not start'));
		await stopAll();
		throw error;
	}
}
