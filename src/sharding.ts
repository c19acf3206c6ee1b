import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult } from 'discord.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { redactUrl } from './storage/storage.js';

/** The bot's entry: every shard process runs it, told by the manager which shards it holds. */
const ENTRY = fileURLToPath(new URL('./main.ts', import.meta.url));
/** Loading and indexing a big library comes before a shard can log in. */
const SHARD_READY_TIMEOUT_MS = 5 * 60_000;

/** Discord's recommendation, asked of the configured API (discord.js's own helper always asks discord.com). */
async function recommendedShards(config: Config): Promise<number> {
	const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.discordToken);
	const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
	return gateway.shards;
}

export interface RunningShards {
	stop(): Promise<void>;
}

/**
 * Runs the bot as several shard processes with discord.js's ShardingManager. Each is a whole
 * Paperboy answering its guilds' interactions; they share the store, through which one of them
 * leads the work that must happen once. A shard that dies is started again by the manager.
 */
export async function runShards(config: Config, logger: Logger): Promise<RunningShards> {
	const totalShards = config.shardCount === 'auto' ? await recommendedShards(config) : config.shardCount!;
	const manager = new ShardingManager(ENTRY, { totalShards, token: config.discordToken, execArgv: ['--import', 'tsx'], respawn: true, mode: 'process' });
	manager.on('shardCreate', (shard) => {
		logger.info({ shard: shard.id, of: totalShards }, 'shard process starting');
		shard.on('death', (child) => logger.warn({ shard: shard.id, exitCode: 'exitCode' in child ? child.exitCode : undefined }, 'shard process ended; the manager starts it again'));
	});
	logger.info({ shards: totalShards, storage: redactUrl(config.storageUrl) }, 'starting shards');
	try {
		await manager.spawn({ amount: totalShards, timeout: SHARD_READY_TIMEOUT_MS });
	} catch (error) {
		// Shards already started would run on, leading, with no manager: stop them.
		for (const shard of manager.shards.values()) shard.kill();
		throw error;
	}
	logger.info({ shards: manager.shards.size }, 'every shard is ready');
	return {
		async stop() {
			// kill() sends SIGTERM, on which each shard shuts down cleanly; wait for all of them.
			await Promise.all(
				manager.shards.map(async (shard) => {
					const child = shard.process;
					if (!child || child.exitCode !== null) return;
					const exited = once(child, 'exit');
					shard.kill();
					await exited;
				}),
			);
		},
	};
}
