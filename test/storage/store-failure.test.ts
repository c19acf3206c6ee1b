import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreFailure } from '../../src/storage/store-failure.ts';
import { openStorage } from '../../src/storage/storage.ts';
import { within } from '../../src/within.ts';
import { useTempDir } from '../helpers.ts';

const tempDir = useTempDir();

describe('store failures', () => {
	it('name the store, the operation and the driver code for every operation, listing included', async () => {
		const url = `sqlite://${join(tempDir(), 'data', 'paperboy.sqlite')}`;
		const storage = await openStorage(url);
		const deliveries = storage.namespace<string>('deliveries');
		await deliveries.set('channel', 'waiting');
		// Only the calls that reach the store are wrapped; the rest of Keyv is left as it is.
		expect([deliveries.namespace, typeof deliveries.toString()]).toEqual(['deliveries', 'string']);
		// The driver's own answer once its connection is gone: a real failure, for every kind of call.
		await storage.close();
		const failures = await Promise.all(
			[
				() => deliveries.get('channel'),
				() => deliveries.getMany(['channel']),
				() => deliveries.set('channel', 'posted'),
				() => deliveries.delete('channel'),
				async () => {
					for await (const entry of deliveries.iterator!(undefined)) expect(entry).toBeUndefined();
				},
			].map((operation) =>
				operation().then(
					() => undefined,
					(error: unknown) => error,
				),
			),
		);
		const where = `the SQLite file at ${url} (SQLITE_MISUSE): check that the folder of the file can be created and that this user may write to it`;
		expect(failures.map((failure) => failure instanceof StoreFailure && [failure.operation, failure.code, failure.message])).toEqual([
			['read', 'SQLITE_MISUSE', `could not read from ${where}`],
			['read', 'SQLITE_MISUSE', `could not read from ${where}`],
			['write', 'SQLITE_MISUSE', `could not write to ${where}`],
			['write', 'SQLITE_MISUSE', `could not write to ${where}`],
			['read', 'SQLITE_MISUSE', `could not read from ${where}`],
		]);
	});

	it('say how long a store went unanswered, and what to check', async () => {
		const store = { kind: 'postgres', location: 'postgresql://paperboy:***@db.internal/paperboy' } as const;
		const silence = await within(new Promise(() => {}), 50).catch((error: unknown) => new StoreFailure(store, 'write', error));
		expect((silence as StoreFailure).message).toBe(
			'the PostgreSQL server at postgresql://paperboy:***@db.internal/paperboy did not answer within 0.05 s: ' +
				'is the PostgreSQL server running, and are the host, port, user, password and database in STORAGE_URL right?',
		);
	});
});
