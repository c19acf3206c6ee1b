import { config as loadDotenv } from 'dotenv';
import { startPaperboy } from './app.js';
import { safeError } from './bot/safe-error.js';
import { ConfigError } from './config.js';

// .env fills in what the real environment does not set; it never overrides it.
loadDotenv({ quiet: true });

try {
	const paperboy = await startPaperboy(process.env);
	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		paperboy.context.logger.info({ signal }, 'shutting down');
		await paperboy.stop();
		process.exit(0);
	};
	process.once('SIGINT', () => void stop('SIGINT'));
	process.once('SIGTERM', () => void stop('SIGTERM'));
	process.on('unhandledRejection', (reason) => paperboy.context.logger.error({ err: safeError(reason) }, 'unhandled rejection'));
} catch (error) {
	console.error(error instanceof ConfigError ? error.message : `Paperboy could not start: ${(error as Error).message}`);
	process.exit(1);
}
