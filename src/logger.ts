import { pino, type DestinationStream, type Logger } from 'pino';
import { PinoPretty } from 'pino-pretty';

export type { Logger };

/**
 * Paths whose values never reach a log, wherever a caller puts them: the bot token and
 * interaction tokens (which let anyone answer as the bot for 15 minutes).
 */
export const REDACTED_PATHS = [
	'token',
	'*.token',
	'discordToken',
	'*.discordToken',
	'authorization',
	'*.authorization',
	'headers.authorization',
	'config.discordToken',
];

/**
 * Readable lines for a person at a terminal; JSON lines for everything else (a log collector,
 * a pipe, production), so that what machines read never depends on how they are formatted.
 */
function defaultDestination(env: NodeJS.ProcessEnv): DestinationStream | undefined {
	if (env.NODE_ENV === 'production' || !process.stdout.isTTY) return undefined;
	return PinoPretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,app', sync: true });
}

/** Logs to stdout (or `destination`), the token and interaction tokens redacted whatever the format. */
export function createLogger(level: string, destination?: DestinationStream, env: NodeJS.ProcessEnv = process.env): Logger {
	return pino(
		{ level, base: { app: 'paperboy' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
		destination ?? defaultDestination(env),
	);
}
