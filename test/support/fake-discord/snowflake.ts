import { randomBytes } from 'node:crypto';

/** Discord's epoch (2015-01-01T00:00:00Z), the zero of every snowflake's timestamp. */
export const DISCORD_EPOCH = 1_420_070_400_000n;

let increment = 0n;
const worker = BigInt(randomBytes(1)[0] ?? 0) & 0x1fn;

/** A fresh snowflake (18-19 digits) made like Discord's: timestamp, worker, process and increment. */
export function snowflake(at: number = Date.now()): string {
	increment = (increment + 1n) & 0xfffn;
	return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (worker << 17n) | (1n << 12n) | increment).toString();
}

/** Whether a string is a snowflake as Discord accepts it: 17 to 19 digits. */
export function isSnowflake(value: unknown): value is string {
	return typeof value === 'string' && /^\d{17,19}$/.test(value);
}

/** The shard a guild's events go to, as Discord computes it. */
export function shardOf(guildId: string, shardCount: number): number {
	return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** An opaque url-safe token, like an interaction token. */
export function randomToken(prefix = 'aW50ZXJhY3Rpb246'): string {
	return `${prefix}${randomBytes(48).toString('base64url')}`;
}

/** A random hexadecimal id, like a gateway session id. */
export function randomHex(bytes = 16): string {
	return randomBytes(bytes).toString('hex');
}
