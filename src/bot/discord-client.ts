import { Client, Events, GatewayIntentBits, Status, type ClientOptions } from 'discord.js';
import type { Config } from '../config.ts';
import type { ChannelFeeds } from '../delivery/channel-feeds.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { createInteractionHandler } from './interaction-handler.ts';
import { NO_MENTIONS } from './render/style.ts';
import type { BotContext, CommandRegistry } from './types.ts';

/**
 * The shards this process runs, through discord.js's own gateway manager: all of them in one
 * process (which keeps one index for them all), or this host's part (SHARDS) of SHARD_COUNT.
 */
function shardOptions(config: Config): Pick<ClientOptions, 'shards' | 'shardCount'> {
	if (config.shardCount === undefined) return {};
	if (config.shardCount === 'auto') return { shards: 'auto' };
	return { shards: [...(config.shardIds ?? Array.from({ length: config.shardCount }, (_, id) => id))], shardCount: config.shardCount };
}

/** The Discord client: Guilds intent only, mentions off by default. */
export function createDiscordClient(config: Config, logger: Logger, metrics?: Pick<Metrics, 'countRateLimit'>): Client {
	const client = new Client({
		...shardOptions(config),
		intents: [GatewayIntentBits.Guilds],
		allowedMentions: NO_MENTIONS,
		// Every reply is rendered as Discord's API JSON already (custom_id, not customId): discord.js's
		// default pass re-cases each key of each embed, about a twentieth of the event loop's work per search.
		jsonTransformer: (data) => data,
		...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
	});
	client.on(Events.Error, (error) => logger.error({ event: 'discord_error', err: error }, 'Discord client error'));
	client.on(Events.Warn, (message) => logger.warn({ event: 'discord_warning' }, message));
	// discord.js reconnects a shard by itself; these lines make an outage visible and say when it
	// ended. Each failed attempt reports again (every half second while the network is down): once
	// per outage is enough. (`shardId`: a host's log lines already carry `shard`, the shards it runs.)
	const down = new Map<number, number>();
	client.on(Events.ShardReconnecting, (shardId) => {
		if (down.has(shardId)) return;
		down.set(shardId, Date.now());
		logger.warn({ event: 'shard_reconnecting', shardId }, 'lost the connection to Discord for a shard; reconnecting');
	});
	const reconnected = (shardId: number, how: 'resumed' | 'identified') => {
		const since = down.get(shardId);
		if (since === undefined) return;
		down.delete(shardId);
		logger.info({ event: 'shard_reconnected', shardId, how, downMs: Date.now() - since }, 'a shard is connected to Discord again');
	};
	client.on(Events.ShardResume, (shardId) => reconnected(shardId, 'resumed'));
	client.on(Events.ShardReady, (shardId) => reconnected(shardId, 'identified'));
	client.on(Events.ShardDisconnect, ({ code }, shardId) =>
		logger.error(
			{ event: 'shard_disconnected', shardId, code },
			'Discord closed a shard for good and it will not reconnect; check DISCORD_TOKEN, SHARD_COUNT and SHARDS, then restart the bot',
		),
	);
	client.rest.on('rateLimited', (info) => {
		metrics?.countRateLimit();
		logger.warn(
			{ event: 'rate_limited', route: info.route, retryAfter: info.retryAfter, global: info.global },
			'rate limited by Discord, waiting',
		);
	});
	return client;
}

/** Logs out. Its shards closing then is no outage: discord.js reports it as one, and the log would say so. */
export async function destroyDiscordClient(client: Client): Promise<void> {
	client.removeAllListeners(Events.ShardReconnecting);
	await client.destroy();
}

/** Routes interactions to the commands, and forgets the subscriptions of channels that are deleted. */
export function handleEvents(
	client: Client,
	registry: CommandRegistry,
	context: BotContext,
	feeds: ChannelFeeds,
	metrics?: Pick<Metrics, 'countInteraction'>,
): void {
	const { logger } = context;
	const handle = createInteractionHandler(registry, context, metrics);
	client.on(Events.InteractionCreate, (interaction) => void handle(interaction));
	client.on(Events.ChannelDelete, (channel) => {
		void feeds.forgetChannel(channel.id).then(
			() => logger.info({ event: 'channel_forgotten', channel: channel.id }, 'a channel was deleted; its subscriptions are gone'),
			(error: unknown) =>
				logger.error({ event: 'channel_forget_failed', err: error, channel: channel.id }, 'could not forget a deleted channel'),
		);
	});
}

/** Why the client cannot hear from Discord now, for /readyz: not logged in, or shards off the gateway; undefined when all are connected. */
export function gatewayProblem(client: Client): string | undefined {
	if (!client.isReady()) return 'not connected to Discord yet';
	const down = client.ws.shards.filter((shard) => shard.status !== Status.Ready);
	if (down.size === 0) return undefined;
	const shards = down.map((shard) => `${shard.id} (${String(Status[shard.status]).toLowerCase()})`);
	return `the Discord gateway connection of shard ${shards.join(', ')} is down; discord.js is reconnecting`;
}
