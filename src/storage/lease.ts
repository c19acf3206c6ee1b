import type pg from 'pg';

/**
 * A named lease in the shared store: whoever holds it is the leader until it expires, and only
 * the holder can renew it. Acquiring and renewing are one atomic step in the store itself, so two
 * processes can never both believe they hold it.
 */
export interface Lease {
	/** Takes the lease if free or expired, or renews it if `owner` holds it; true when `owner` holds it now. */
	acquire(owner: string, ttlMs: number): Promise<boolean>;
	/** Gives the lease up at once (a clean stop), if `owner` holds it. */
	release(owner: string): Promise<void>;
}

/** One process alone on its store (SQLite, memory): it is always the leader. */
export const soleLease: Lease = {
	acquire: async () => true,
	release: async () => {},
};

/** The one Redis command a lease needs: running a script atomically. */
interface RedisScripting {
	eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

// Renew only what we hold; take it only when nobody does. Both in one script, so atomic.
const ACQUIRE = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if holder then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export function redisLease(client: RedisScripting, name: string): Lease {
	const key = `paperboy:lease:${name}`;
	return {
		acquire: async (owner, ttlMs) => (await client.eval(ACQUIRE, { keys: [key], arguments: [owner, String(ttlMs)] })) === 1,
		release: async (owner) => void (await client.eval(RELEASE, { keys: [key], arguments: [owner] })),
	};
}

export function postgresLease(pool: pg.Pool, name: string): Lease {
	// Two processes starting together can both try to create the table; the loser's error is
	// harmless. Any other failure is tried again at the next attempt, not remembered for ever.
	let ready: Promise<void> | undefined;
	const table = () =>
		(ready ??= pool
			.query('CREATE TABLE IF NOT EXISTS paperboy_lease (name TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at TIMESTAMPTZ NOT NULL)')
			.then(
				() => {},
				(error: { code?: string }) => {
					if (error.code === '23505' || error.code === '42P07') return;
					ready = undefined;
					throw error;
				},
			));
	return {
		async acquire(owner, ttlMs) {
			await table();
			// The row is written only if it is ours or has expired; a row back means we hold the lease.
			const result = await pool.query(
				`INSERT INTO paperboy_lease (name, owner, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
				 ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
				 WHERE paperboy_lease.owner = EXCLUDED.owner OR paperboy_lease.expires_at < now()
				 RETURNING owner`,
				[name, owner, ttlMs],
			);
			return result.rowCount === 1;
		},
		async release(owner) {
			await table();
			await pool.query('DELETE FROM paperboy_lease WHERE name = $1 AND owner = $2', [name, owner]);
		},
	};
}
