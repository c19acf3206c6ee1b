import { resolve } from 'node:path';

/**
 * The stores Paperboy can keep its data in, and what callers need to know about each without
 * opening it. Kept free of drivers (they load in backends.ts, when a store is opened), so that
 * checking a URL, in config.ts or doctor, costs nothing.
 */
export interface StorageKindInfo {
	/** The URL schemes that name it, with their colon. */
	readonly schemes: readonly string[];
	/** A URL of its shape, for messages about one that is not understood. */
	readonly example: string;
	/**
	 * Whether processes given the same URL see the same data. Only then do they elect a leader,
	 * read subscriptions again that another process changed, and may split shards between them.
	 */
	readonly shared: boolean;
	/** Whether the data outlives the process. */
	readonly durable: boolean;
	/** What to check when it cannot be used. */
	readonly hint: string;
}

export const STORAGE_KINDS = {
	sqlite: {
		schemes: ['sqlite:'],
		example: 'sqlite://path/file.sqlite',
		shared: false,
		durable: true,
		hint: 'check that the folder of the file can be created and that this user may write to it',
	},
	redis: {
		schemes: ['redis:', 'rediss:'],
		example: 'redis://host:port',
		shared: true,
		durable: true,
		hint: 'is the Redis server running, and are the host, port, password and database number in STORAGE_URL right?',
	},
	postgres: {
		schemes: ['postgres:', 'postgresql:'],
		example: 'postgresql://user:password@host/database',
		shared: true,
		durable: true,
		hint: 'is the PostgreSQL server running, and are the host, port, user, password and database in STORAGE_URL right?',
	},
	memory: {
		schemes: ['memory:'],
		example: 'memory://',
		shared: false,
		durable: false,
		hint: 'memory:// needs nothing; this is a bug worth reporting',
	},
} as const satisfies Record<string, StorageKindInfo>;

export type StorageKind = keyof typeof STORAGE_KINDS;

const KINDS = Object.entries(STORAGE_KINDS) as [StorageKind, StorageKindInfo][];

/** The kind of store a URL names, by its scheme; undefined when Paperboy has none for it. */
export function storageKind(url: string): StorageKind | undefined {
	const scheme = /^[a-z]+:/i.exec(url)?.[0].toLowerCase();
	return KINDS.find(([, info]) => scheme !== undefined && info.schemes.includes(scheme))?.[0];
}

/** The file a sqlite:// URL names: sqlite://data/x.sqlite is relative to the working folder, sqlite:///srv/x.sqlite absolute. */
export function sqliteFile(url: string): string {
	return resolve(url.replace(/^sqlite:\/\//i, ''));
}

const or = (items: readonly string[]) => `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;

/** Every scheme understood, for messages: "sqlite://, redis://, … or memory://". */
export const STORAGE_SCHEMES = or(KINDS.flatMap(([, info]) => info.schemes.map((scheme) => `${scheme}//`)));

/** A URL of each kind, for messages. */
export const STORAGE_EXAMPLES = or(KINDS.map(([, info]) => info.example));

/** The schemes of the stores processes can share, for messages: "redis:// or postgresql://". */
export const SHARED_SCHEMES = or(KINDS.filter(([, info]) => info.shared).map(([, info]) => info.example.replace(/(?<=:\/\/).*/, '')));
