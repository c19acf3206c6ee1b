import { config as loadDotenv } from 'dotenv';
import { startPaperboy } from './app.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { redactUrl } from './storage/storage.ts';
import { reportStartupFailure } from './startup-failure.ts';

// .env fills in what the real environment does not set; it never overrides it.
loadDotenv({ quiet: true });
// An empty assignment ("SHARD_COUNT=") means unset, here as in the configuration: discord.js
// reads some variables itself, and would take an empty SHARD_COUNT for zero shards.
for (const [name, value] of Object.entries(process.env)) if (value?.trim() === '') delete process.env[name];

/**
 * Ctrl-C or SIGTERM (a container stop, systemd) stops the bot once. A signal during start-up
 * (indexing a big library takes a while) is honoured as soon as there is something to stop.
 */
let stop: (() => Promise<void>) | undefined;
let stopRequested: string | undefined;
/**
 * How long a stop may take. A store that stopped answering holds its client's commands until TCP
 * gives up (minutes); nothing is lost by leaving then (every post is written down before it is
 * sent), and this is inside Docker's 10 s before its SIGKILL.
 */
const STOP_DEADLINE_MS = 8_000;
async function stopAndExit(): Promise<void> {
	await stop!();
	process.exit(0);
}
async function onSignal(signal: string): Promise<void> {
	if (stopRequested) return;
	stopRequested = signal;
	if (stop) await stopAndExit();
}
process.once('SIGINT', () => void onSignal('SIGINT'));
process.once('SIGTERM', () => void onSignal('SIGTERM'));

try {
	const config = loadConfig(process.env);
	const logger = createLogger(config.logLevel);
	process.on('unhandledRejection', (reason) => logger.error({ event: 'unhandled_rejection', err: reason }, 'unhandled rejection'));
	const env = { ...process.env };
	// discord.js's Client reads SHARDS and SHARD_COUNT from the environment itself (its
	// ShardingManager hands shards over that way) and would misread Paperboy's ("auto", "0,1").
	delete process.env.SHARDS;
	delete process.env.SHARD_COUNT;
	const running = await startPaperboy(env, { logger });
	stop = async () => {
		logger.info({ event: 'shutting_down', signal: stopRequested }, 'shutting down');
		const store = redactUrl(config.storageUrl);
		setTimeout(() => {
			logger.error(
				{ event: 'stop_timed_out', deadlineMs: STOP_DEADLINE_MS, storage: store },
				`stopping took over ${STOP_DEADLINE_MS / 1000} s (is the store at ${store} answering?); leaving anyway: what was not posted is posted at the next start`,
			);
			process.exit(1);
		}, STOP_DEADLINE_MS).unref();
		await running.stop();
	};
	if (stopRequested) await stopAndExit();
} catch (error) {
	reportStartupFailure(error, process.env);
	process.exit(1);
}
