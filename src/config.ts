import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { FEEDS, feedsIn, type FeedSetting, type FeedVariable } from './sources/feeds.ts';
import { SHARED_SCHEMES, STORAGE_KINDS, STORAGE_SCHEMES, storageKind } from './storage/kinds.ts';

export const DEFAULT_STORAGE_URL = 'sqlite://data/paperboy.sqlite';
export const DEFAULT_INDEX_DIR = 'data/index';
export const DEFAULT_METRICS_HOST = '127.0.0.1';

const SNOWFLAKE = /^\d{17,20}$/;
// A name to resolve (localhost, a container's hostname) or an address; METRICS_HOST is checked for a usable shape only.
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
// Bot tokens are three base64url parts: the bot's id, a timestamp and an HMAC.
const TOKEN_SHAPE = /^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/;

// One optional URL per feed of the table, named by its variable.
const feedUrls = Object.fromEntries(FEEDS.map((feed) => [feed.envVar, z.url({ error: `must be ${feed.urlHint}` }).optional()])) as Record<
	FeedVariable,
	z.ZodOptional<z.ZodURL>
>;

const schema = z.object({
	DISCORD_TOKEN: z
		.string({ error: 'is required: the bot token from the Discord developer portal' })
		.trim()
		.regex(
			TOKEN_SHAPE,
			'does not look like a bot token (three parts separated by dots); copy it again from the Bot page of your application',
		),
	DISCORD_GUILD_ID: z
		.string()
		.trim()
		.regex(SNOWFLAKE, 'must be a server id: 17 to 20 digits (right-click the server, Copy Server ID)')
		.optional(),
	DISCORD_API_URL: z.url({ error: 'must be a URL such as https://discord.com/api' }).optional(),
	PAPERS_DIR: z.string().trim().min(1).default('seeds'),
	INDEX_DIR: z.string().trim().min(1).default(DEFAULT_INDEX_DIR),
	STORAGE_URL: z
		.string()
		.trim()
		.refine((url) => storageKind(url) !== undefined, `must start with ${STORAGE_SCHEMES}`)
		.default(DEFAULT_STORAGE_URL),
	...feedUrls,
	SOURCE_POLL_MINUTES: z.coerce
		.number()
		.min(0.05, 'must be at least 0.05 (3 seconds)')
		.max(1440, 'must be at most 1440 (a day)')
		.default(30),
	SEARCH_THREADS: z.coerce
		.number()
		.int()
		.min(1, 'must be a whole number from 1 to 16')
		.max(16, 'must be a whole number from 1 to 16')
		.default(Math.min(availableParallelism(), 4)),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	SHARD_COUNT: z
		.union([z.literal('auto'), z.coerce.number().int().min(1).max(1024)], {
			error: 'must be auto or a whole number of shards from 1 to 1024',
		})
		.optional(),
	SHARDS: z
		.string()
		.trim()
		.regex(/^\[?\s*\d+(\s*,\s*\d+)*\s*\]?$/, 'must list shard ids, such as 0,1')
		.transform((list) => [...new Set(list.match(/\d+/g)!.map(Number))].sort((a, b) => a - b))
		.optional(),
	METRICS_PORT: z.coerce
		.number({ error: 'must be a port number from 1 to 65535, or 0 for any free port' })
		.int('must be a port number from 1 to 65535, or 0 for any free port')
		.min(0, 'must be a port number from 1 to 65535, or 0 for any free port')
		.max(65535, 'must be a port number from 1 to 65535, or 0 for any free port')
		.optional(),
	METRICS_HOST: z
		.string()
		.trim()
		.refine(
			(host) => isIP(host) !== 0 || HOSTNAME.test(host),
			'must be an address to listen on, such as 127.0.0.1 (this machine only) or 0.0.0.0 (every network interface)',
		)
		.default(DEFAULT_METRICS_HOST),
});

export interface Config {
	readonly discordToken: string;
	/** Register commands to this guild only (instant); otherwise globally. */
	readonly guildId: string | undefined;
	/** REST base for proxies and tests; discord.js's default when unset. */
	readonly apiUrl: string | undefined;
	readonly papersDir: string;
	/** Where the index snapshot is kept, so a start with unchanged listings skips parsing and indexing. */
	readonly indexDir: string;
	readonly storageUrl: string;
	/** The feeds of new papers whose URL is set (see FEEDS), each polled every `sourcePollMinutes`. */
	readonly feeds: readonly FeedSetting[];
	readonly sourcePollMinutes: number;
	/** Worker threads answering searches; they share one copy of the index. */
	readonly searchThreads: number;
	readonly logLevel: z.infer<typeof schema>['LOG_LEVEL'];
	/** How many shards the bot has in all (unset: not sharded); this process runs `shardIds` of them. */
	readonly shardCount: 'auto' | number | undefined;
	/** The shards this process runs (unset: all of them); other hosts run the rest. */
	readonly shardIds: readonly number[] | undefined;
	/** Where /healthz, /readyz and /metrics are served (0: any free port, logged); unset: nowhere. */
	readonly metricsPort: number | undefined;
	readonly metricsHost: string;
}

/** One variable that cannot be used; never its value, which may be a secret. */
export interface ConfigProblem {
	readonly variable: string;
	/** `unset`: required but missing; `invalid`: set to something unusable; `conflict`: usable alone, not with another variable. */
	readonly valueKind: 'unset' | 'invalid' | 'conflict';
	/** What it needs, worded to follow the variable's name: "must be a URL such as …". */
	readonly message: string;
}

/** Configuration that cannot be used: every problem found, and a message naming each bad variable. */
export class ConfigError extends Error {
	override readonly name = 'ConfigError';

	readonly problems: readonly ConfigProblem[];
	constructor(problems: readonly ConfigProblem[]) {
		const lines = problems.map(({ variable, message }) => `  ${variable} ${message}`);
		super(
			`Paperboy cannot start, the configuration has problems:\n${lines.join('\n')}\nSee .env.example for every variable and what it means.`,
		);
		this.problems = problems;
	}
}

/** Validates the environment once into a frozen, typed configuration. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
	// An empty assignment in .env ("DISCORD_GUILD_ID=") means unset, not "an invalid empty id".
	const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
	const parsed = schema.safeParse(present);
	if (!parsed.success) {
		throw new ConfigError(
			parsed.error.issues.map((issue) => {
				const variable = issue.path.join('.');
				return { variable, valueKind: variable in present ? 'invalid' : 'unset', message: issue.message };
			}),
		);
	}
	const values = parsed.data;
	const problem = shardingProblem(values);
	if (problem) throw new ConfigError([{ variable: 'SHARDS', valueKind: 'conflict', message: problem }]);
	return Object.freeze({
		discordToken: values.DISCORD_TOKEN,
		guildId: values.DISCORD_GUILD_ID,
		apiUrl: values.DISCORD_API_URL?.replace(/\/+$/, ''),
		papersDir: values.PAPERS_DIR,
		indexDir: values.INDEX_DIR,
		storageUrl: values.STORAGE_URL,
		feeds: Object.freeze(feedsIn(values)),
		sourcePollMinutes: values.SOURCE_POLL_MINUTES,
		searchThreads: values.SEARCH_THREADS,
		logLevel: values.LOG_LEVEL,
		shardCount: values.SHARD_COUNT,
		shardIds: values.SHARDS,
		metricsPort: values.METRICS_PORT,
		metricsHost: values.METRICS_HOST,
	});
}

/** Shards split between processes need a total to split and a store they all share; what SHARDS lacks, if anything. */
function shardingProblem(values: z.infer<typeof schema>): string | undefined {
	const ids = values.SHARDS;
	if (ids === undefined) return undefined;
	if (typeof values.SHARD_COUNT !== 'number')
		return 'needs SHARD_COUNT set to the number of shards in all (not auto), so that every host agrees on it';
	const outside = ids.find((id) => id >= (values.SHARD_COUNT as number));
	if (outside !== undefined) return `names shard ${outside}, but there are only ${values.SHARD_COUNT} (ids 0 to ${values.SHARD_COUNT - 1})`;
	const storage = storageKind(values.STORAGE_URL)!;
	if (!STORAGE_KINDS[storage].shared) {
		return `splits the shards between processes, which need storage they all share: set STORAGE_URL to a ${SHARED_SCHEMES} URL (now ${storage}), or unset SHARDS to run every shard in this process.`;
	}
	return undefined;
}
