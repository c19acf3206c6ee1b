import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@keyv/redis';
import pg from 'pg';
import { afterAll } from 'vitest';

export type TransferKind = 'sqlite' | 'redis' | 'postgres';

/** Two stores of each kind, apart from the ones the storage suite and the sharding test clear. */
export interface TransferStores {
	readonly kind: TransferKind;
	/** Undefined when the server is not there: tests on it are skipped, saying why. */
	readonly urls?: readonly [string, string];
	readonly skipReason?: string;
	/** Empties both, leases included. */
	empty(): Promise<void>;
}

async function redisStores(databases: readonly [number, number]): Promise<TransferStores> {
	const base = process.env.PAPERBOY_TEST_REDIS_URL?.replace(/\/\d*$/, '');
	if (!base) return unavailable('redis', 'PAPERBOY_TEST_REDIS_URL is not set (source .ci/services.sh to start a Redis server)');
	const urls = [`${base}/${databases[0]}`, `${base}/${databases[1]}`] as const;
	return {
		kind: 'redis',
		urls,
		async empty() {
			for (const url of urls) {
				const client = createClient({ url });
				await client.connect();
				await client.flushDb();
				await client.close();
			}
		},
	};
}

// Databases of their own, which .ci/services.sh lets the paperboy role create.
async function postgresStores(user: string): Promise<TransferStores> {
	const main = process.env.PAPERBOY_TEST_POSTGRES_URL;
	if (!main) return unavailable('postgres', 'PAPERBOY_TEST_POSTGRES_URL is not set (source .ci/services.sh to start a PostgreSQL server)');
	const names = [`paperboy_${user}_a`, `paperboy_${user}_b`];
	const admin = new pg.Client({ connectionString: main });
	await admin.connect();
	try {
		const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname = ANY($1)', [names]);
		for (const name of names.filter((wanted) => !rows.some((row) => row.datname === wanted))) await admin.query(`CREATE DATABASE ${name}`);
	} catch (error) {
		return unavailable(
			'postgres',
			`cannot create the test databases (${(error as Error).message}): source .ci/services.sh again, which grants CREATEDB`,
		);
	} finally {
		await admin.end();
	}
	const urls = names.map((name) => main.replace(/\/[^/]*$/, `/${name}`)) as [string, string];
	return {
		kind: 'postgres',
		urls,
		async empty() {
			for (const url of urls) {
				const client = new pg.Client({ connectionString: url });
				await client.connect();
				await client.query('DROP TABLE IF EXISTS keyv, paperboy_lease');
				await client.end();
			}
		},
	};
}

function sqliteStores(): TransferStores {
	const dir = mkdtempSync(join(tmpdir(), 'paperboy-transfer-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));
	const urls = [`sqlite://${join(dir, 'a.sqlite')}`, `sqlite://${join(dir, 'b.sqlite')}`] as const;
	return {
		kind: 'sqlite',
		urls,
		empty: async () => {
			for (const file of ['a', 'b'].flatMap((name) => [`${name}.sqlite`, `${name}.sqlite-wal`, `${name}.sqlite-shm`]))
				rmSync(join(dir, file), { force: true });
		},
	};
}

function unavailable(kind: TransferKind, skipReason: string): TransferStores {
	return { kind, skipReason, empty: async () => {} };
}

/**
 * Which Redis databases each test file copies between: test files run in parallel, and the storage
 * suite uses database 0, the sharding test 1, the kill -9 storm 3.
 */
const REDIS_DATABASES = { migrate: [12, 13], dump: [14, 15] } as const;

/** Two stores of every kind a migration moves between, real servers where they are configured, for `user`'s file alone. */
export async function transferStores(user: keyof typeof REDIS_DATABASES): Promise<TransferStores[]> {
	return [sqliteStores(), await redisStores(REDIS_DATABASES[user]), await postgresStores(user)];
}
