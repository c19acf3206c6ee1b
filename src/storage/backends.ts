import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type KeyvSqlite from '@keyv/sqlite';
import type { KeyvStoreAdapter } from 'keyv';
import type pg from 'pg';
import { postgresLease, redisLease, soleLease, type Lease } from './lease.ts';
import { sqliteFile, type StorageKind } from './kinds.ts';

/** Rows read per query when listing a namespace; the adapters' default of 10 makes a start-up read of thousands of channels crawl. */
const ITERATION_PAGE = 1_000;

/** How long connecting may take before the store is reported as unreachable. */
export const OPEN_TIMEOUT_MS = 15_000;

/** How one kind of store makes Keyv adapters (one per namespace) and leases, and closes. */
export interface Backend {
	adapter(): KeyvStoreAdapter | undefined;
	lease(name: string): Lease;
	close(): Promise<void>;
}

// Each backend loads its driver when it is chosen: the Redis and PostgreSQL clients alone take
// a noticeable part of a start that loads the index snapshot in about a second.
async function sqliteBackend(url: string): Promise<Backend> {
	const { default: KeyvSqlite } = await import('@keyv/sqlite');
	const file = sqliteFile(url);
	await mkdir(dirname(file), { recursive: true });
	const adapters: KeyvSqlite[] = [];
	return {
		adapter() {
			// Each namespace has its own connection to the file; they wait for each other's writes.
			const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 15_000, iterationLimit: ITERATION_PAGE });
			// Write-ahead logging lets readers and the writer work at once, and syncing at checkpoints
			// rather than on every write keeps the store crash-safe (a power cut loses at most the
			// last moments, never consistency) at a fraction of the cost.
			// Without them the store still works, only slower; the probe write at open reports real trouble.
			void adapter
				.query('PRAGMA journal_mode = WAL')
				.then(() => adapter.query('PRAGMA synchronous = NORMAL'))
				.catch(() => {});
			adapters.push(adapter);
			return adapter;
		},
		// One file is one process's: config refuses to shard on SQLite.
		lease: () => soleLease,
		close: async () => void (await Promise.all(adapters.map((adapter) => adapter.disconnect()))),
	};
}

async function redisBackend(url: string): Promise<Backend> {
	const { default: KeyvRedis, createClient } = await import('@keyv/redis');
	// One connection serves every namespace; each adapter only prefixes its keys. A server that
	// cannot be reached at start is an error to report, not to wait on forever; once connected,
	// the client reconnects for as long as it takes (a Redis restart).
	let connected = false;
	const client = createClient({
		url,
		socket: {
			connectTimeout: OPEN_TIMEOUT_MS,
			reconnectStrategy: (retries, cause) => (connected ? Math.min(100 * 2 ** retries, 5_000) : retries >= 2 ? cause : 500),
		},
	});
	client.on('error', () => {}); // reported by the failing command itself; an unhandled 'error' event would crash
	await client.connect();
	connected = true;
	return {
		adapter: () => new KeyvRedis(client, { throwOnConnectError: true }),
		lease: (name) => redisLease(client, name),
		close: async () => void (await client.close()),
	};
}

async function postgresBackend(url: string): Promise<Backend> {
	const [{ default: KeyvPostgres }, { default: pg }] = await Promise.all([import('@keyv/postgres'), import('pg')]);
	// The adapter keeps one pool per process, for the URL it saw last, and ends whichever that is
	// when any adapter disconnects: two stores open at once (a migration) would close each other's.
	// Each store's adapters share a pool of its own instead, ended when the store closes.
	const pool = new pg.Pool({ connectionString: url });
	pool.on('error', () => {}); // a dropped idle connection (a restart) is reported by the next query
	class OwnPoolPostgres extends KeyvPostgres {
		override async connect() {
			return async (sql: string, values?: unknown[]) => (await pool.query(sql, values)).rows as unknown[];
		}
	}
	let leasePool: pg.Pool | undefined;
	return {
		adapter: () => new OwnPoolPostgres({ uri: url, iterationLimit: ITERATION_PAGE }),
		lease: (name) => postgresLease((leasePool ??= leaseConnections(pg.Pool, url)), name),
		async close() {
			await leasePool?.end();
			await pool.end();
		},
	};
}

/** The lease's own small pool; a connection the server drops (a restart) is an event to survive, not a crash. */
function leaseConnections(Pool: typeof pg.Pool, url: string): pg.Pool {
	const pool = new Pool({ connectionString: url, max: 2, connectionTimeoutMillis: OPEN_TIMEOUT_MS });
	pool.on('error', () => {});
	return pool;
}

export async function backendFor(kind: StorageKind, url: string): Promise<Backend> {
	switch (kind) {
		case 'sqlite':
			return sqliteBackend(url);
		case 'redis':
			return redisBackend(url);
		case 'postgres':
			return postgresBackend(url);
		case 'memory':
			return { adapter: () => undefined, lease: () => soleLease, close: async () => {} };
	}
}
