import { config as loadDotenv } from 'dotenv';
import { startPaperboy } from './app.js';
import { safeError } from './bot/safe-error.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { runShards } from './sharding.js';

// .env fills in what the real environment does not set; it never overrides it.
loadDotenv({ quiet: true });
// An empty assignment ("SHARD_COUNT=") means unset, here as in the configuration: discord.js
// reads some variables itself, and would take an empty SHARD_COUNT for zero shards.
for (const [name, value] of Object.entries(process.env)) if (value?.trim() === '') delete process.env[name];

/** Stops on Ctrl-C or SIGTERM (a container stop, systemd), once. */
function stopOnSignal(logger: Logger, stop: () => Promise<void>): void {
	let stopping = false;
	const onSignal = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		logger.info({ signal }, 'shutting down');
		await stop();
		process.exit(0);
	};
	process.once('SIGINT', () => void onSignal('SIGINT'));
	process.once('SIGTERM', () => void onSignal('SIGTERM'));
	process.on('unhandledRejection', (reason) => logger.error({ err: safeError(reason) }, 'unhandled rejection'));
}

try {
	const config = loadConfig(process.env);
	// With SHARD_COUNT this process manages the shards; the processes it starts run the bot.
	if (config.shardCount !== undefined && !process.env.SHARDING_MANAGER) {
		const logger = createLogger(config.logLevel);
		const shards = await runShards(config, logger);
		stopOnSignal(logger, () => shards.stop());
	} else {
		const paperboy = await startPaperboy(process.env);
		stopOnSignal(paperboy.context.logger, () => paperboy.stop());
	}
} catch (error) {
	console.error(error instanceof ConfigError ? error.message : `Paperboy could not start: ${(error as Error).message}`);
	process.exit(1);
}
