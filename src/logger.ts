import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Paths whose values never reach a log, wherever a caller puts them: the bot token and
 * interaction tokens (which let anyone answer as the bot for 15 minutes).
 */
export const REDACTED_PATHS = ['token', '*.token', 'discordToken', '*.discordToken', 'authorization', '*.authorization', 'headers.authorization', 'config.discordToken'];

/** JSON lines to stdout (or `destination`), the token and interaction tokens redacted. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
	return pino({ level, base: { app: 'paperboy' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}
