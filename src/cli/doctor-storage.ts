import { sqliteFile, STORAGE_KINDS, storageKind } from '../storage/kinds.ts';
import { openStorage, redactUrl, StorageError, type Storage } from '../storage/storage.ts';
import { refuseUnfinishedTransfer, UnfinishedTransferError } from '../storage/transfer.ts';
import { within } from '../within.ts';
import type { Finding } from './doctor-command.ts';

/** How long one storage step may take before doctor gives up on it, so a dead server cannot hang the report. */
export const STORAGE_TIME_BOX_MS = 10_000;

/**
 * openStorage's Redis client reconnects forever, so a wrong host or password would show only as a
 * hang (and keep doctor from exiting); one attempt that gives up says what is wrong.
 */
async function reachRedis(url: string): Promise<void> {
	// Loaded only for a Redis URL, as the bot's own backends load their drivers.
	const { createClient } = await import('@keyv/redis');
	const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: STORAGE_TIME_BOX_MS } });
	client.on('error', () => {}); // the failing connect() or ping() reports it
	try {
		await client.connect();
		await client.ping();
	} finally {
		if (client.isOpen) client.destroy();
	}
}

/** Writes, reads back and deletes a key, as the bot's first subscription would. */
async function probe(storage: Storage): Promise<void> {
	const meta = storage.namespace<string>('meta');
	const value = new Date().toISOString();
	await meta.set('doctor-probe', value);
	if ((await meta.get('doctor-probe')) !== value) throw new Error('a key written was not read back');
	await meta.delete('doctor-probe');
}

/** Whether the store STORAGE_URL names answers and keeps what is written; never shows a password. */
export async function checkStorage(url: string): Promise<Finding> {
	const kind = storageKind(url);
	// The sqlite file as storage.ts resolves it, relative to the working folder; other URLs without their password.
	const where = kind === 'sqlite' ? `sqlite ${sqliteFile(url)}` : redactUrl(url);
	try {
		if (kind === 'redis') await within(reachRedis(url), STORAGE_TIME_BOX_MS);
		const storage = await within(openStorage(url), STORAGE_TIME_BOX_MS);
		try {
			await within(probe(storage), STORAGE_TIME_BOX_MS);
			await within(refuseUnfinishedTransfer(storage), STORAGE_TIME_BOX_MS);
		} finally {
			await storage.close();
		}
	} catch (error) {
		if (error instanceof UnfinishedTransferError)
			return {
				check: 'storage',
				status: 'problem',
				message: error.message,
				fix: 'finish the copy first; the bot will not start until then',
			};
		// openStorage's message repeats the location; its cause says what went wrong.
		const reason = error instanceof StorageError && error.cause instanceof Error ? error.cause.message : (error as Error).message;
		const fix = kind ? STORAGE_KINDS[kind].hint : 'see .env.example for the storage URLs Paperboy understands';
		return { check: 'storage', status: 'problem', message: kind ? `${where} cannot be used: ${reason}` : reason, fix };
	}
	if (kind && !STORAGE_KINDS[kind].durable) {
		return {
			check: 'storage',
			status: 'warning',
			message: `${where} works, but nothing is kept across restarts: subscriptions are lost whenever the bot stops`,
			fix: 'set STORAGE_URL to sqlite://data/paperboy.sqlite (the default), a redis:// or a postgresql:// URL',
		};
	}
	return { check: 'storage', status: 'ok', message: `${where} is writable` };
}
