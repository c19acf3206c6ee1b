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

/** Interaction and webhook URLs carry tokens that let anyone answer as the bot. */
const TOKEN_IN_URL = /\/(interactions|webhooks)\/(\d+)\/[^/?#\s"']+/g;

/** The text with the token of every interaction or webhook URL in it replaced by `[token]`. */
export function scrubTokens(text: string): string {
	return text.replace(TOKEN_IN_URL, '/$1/$2/[token]');
}

/** What a log holds of an error (or of anything thrown): never its request, URL or body as such. */
export interface LoggedError {
	/** The constructor's name (`DiscordAPIError`, `TypeError`), or `typeof` for a thrown non-object. */
	readonly type: string;
	/** `name` where it says more than the type (`DiscordAPIError[50001]`). */
	readonly name?: string;
	readonly message: string;
	readonly code?: string | number;
	readonly status?: number;
	readonly method?: string;
	/** The request's path, its token scrubbed; no host, no query. */
	readonly path?: string;
	readonly stack?: string;
	readonly cause?: LoggedError;
	/** An AggregateError's errors. */
	readonly errors?: LoggedError[];
	/** The keys of a thrown object that is not an Error (not their values). */
	readonly keys?: string[];
}

/** Causes (and aggregated errors) followed this deep; a circular chain stops where it repeats. */
const MAX_DEPTH = 5;
const MAX_AGGREGATED = 10;

function pathOf(url: unknown): string | undefined {
	if (typeof url !== 'string' && !(url instanceof URL)) return undefined;
	try {
		return scrubTokens(new URL(url).pathname);
	} catch {
		return undefined;
	}
}

function typeOf(value: object): string {
	const { constructor } = value as { constructor?: unknown };
	return typeof constructor === 'function' && constructor.name ? constructor.name : 'Object';
}

function toLoggedError(value: unknown, seen: Set<object>): LoggedError {
	if (value === null || (typeof value !== 'object' && typeof value !== 'function'))
		return { type: value === null ? 'null' : typeof value, message: scrubTokens(String(value)) };
	const type = typeOf(value);
	if (seen.has(value) || seen.size >= MAX_DEPTH) return { type, message: '[not followed: too deep or circular]' };
	seen.add(value);
	// Read through a record: an error's own fields (code, status, url...) are not in Error's type.
	const fields = value as Record<string, unknown>;
	const { name, message, code, status, method, stack, cause, errors } = fields;
	const isError = value instanceof Error;
	const logged: { -readonly [K in keyof LoggedError]: LoggedError[K] } = {
		type,
		...(typeof name === 'string' && name !== type && name !== 'Error' ? { name: scrubTokens(name) } : {}),
		message: typeof message === 'string' ? scrubTokens(message) : isError ? '' : `a thrown ${type}, not an Error`,
		...(typeof code === 'string' || typeof code === 'number' ? { code: typeof code === 'string' ? scrubTokens(code) : code } : {}),
		...(typeof status === 'number' ? { status } : {}),
		...(typeof method === 'string' ? { method: scrubTokens(method) } : {}),
	};
	const path = pathOf(fields.url);
	if (path !== undefined) logged.path = path;
	if (typeof stack === 'string') logged.stack = scrubTokens(stack);
	if (cause !== undefined) logged.cause = toLoggedError(cause, seen);
	if (Array.isArray(errors)) logged.errors = errors.slice(0, MAX_AGGREGATED).map((error) => toLoggedError(error, seen));
	if (!isError) logged.keys = Object.keys(value).slice(0, 20);
	seen.delete(value);
	return logged;
}

/**
 * pino's `err` serializer: an error, and the chain of its causes, reduced to what a log may
 * hold. discord.js errors carry the request URL (with an interaction or webhook token) and the
 * request body (the files and JSON sent); pino's own serializer would copy both, and every other
 * enumerable field. Here only a fixed set of fields is kept, every string scrubbed of tokens,
 * and the URL becomes its path, scrubbed. Anything thrown that is not an Error gets the same shape.
 */
export function serializeError(value: unknown): LoggedError {
	return toLoggedError(value, new Set());
}

/** `error` holds an error like `err`, or a line describing one (which stays a string, scrubbed). */
function serializeErrorOrDescription(value: unknown): LoggedError | string {
	return typeof value === 'string' ? scrubTokens(value) : serializeError(value);
}

const ERROR_SERIALIZERS = { err: serializeError, error: serializeErrorOrDescription };
const errorSerializer = (key: string) => (Object.hasOwn(ERROR_SERIALIZERS, key) ? ERROR_SERIALIZERS[key as 'err' | 'error'] : undefined);

/** Plain data followed this deep for errors and URLs elsewhere in a line; below that it is logged as it is. */
const MAX_DATA_DEPTH = 4;

/**
 * The rest of a log line: an error under any other key is logged as `err` is, strings are
 * scrubbed of tokens, and plain objects and arrays are looked into (class instances are not).
 */
function scrubData(value: unknown, depth: number): unknown {
	if (typeof value === 'string') return scrubTokens(value);
	if (value instanceof Error) return serializeError(value);
	if (depth >= MAX_DATA_DEPTH || value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map((item: unknown) => scrubData(item, depth + 1));
	const prototype = Object.getPrototypeOf(value) as unknown;
	if (prototype !== Object.prototype && prototype !== null) return value;
	return Object.fromEntries(
		Object.entries(value).map(([key, item]) => {
			const serialize = errorSerializer(key);
			return [key, serialize && item !== undefined ? serialize(item) : scrubData(item, depth + 1)];
		}),
	);
}

/** Top-level `err` and `error` are left to the serializers, which pino runs after this. */
function scrubLine(line: Record<string, unknown>): Record<string, unknown> {
	const scrubbed: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(line)) scrubbed[key] = errorSerializer(key) ? value : scrubData(value, 0);
	return scrubbed;
}

/**
 * Readable lines for a person at a terminal; JSON lines for everything else (a log collector,
 * a pipe, production), so that what machines read never depends on how they are formatted.
 */
function defaultDestination(env: NodeJS.ProcessEnv): DestinationStream | undefined {
	if (env.NODE_ENV === 'production' || !process.stdout.isTTY) return undefined;
	return PinoPretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,app', sync: true });
}

/**
 * Logs to stdout (or `destination`), whatever the format: the bot token redacted, errors
 * (under `err`, `error` or any key, and their causes) reduced to safe fields, and interaction
 * and webhook tokens scrubbed from every string, the message included.
 */
export function createLogger(level: string, destination?: DestinationStream, env: NodeJS.ProcessEnv = process.env): Logger {
	return pino(
		{
			level,
			base: { app: 'paperboy' },
			redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
			serializers: {
				...ERROR_SERIALIZERS,
				msg: (message: unknown) => (typeof message === 'string' ? scrubTokens(message) : message),
			},
			formatters: { log: scrubLine, bindings: scrubLine },
		},
		destination ?? defaultDestination(env),
	);
}
