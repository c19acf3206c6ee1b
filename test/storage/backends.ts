import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { STORAGE_KINDS, type StorageKind } from '../../src/storage/kinds.ts';
import { NAMESPACES, openStorage, type Storage } from '../../src/storage/storage.ts';

export interface Backend {
	readonly name: StorageKind;
	/** Undefined when the server is not configured: the suite is skipped for it, saying so. */
	readonly url: string | undefined;
	readonly skipReason?: string;
}

/** Every store Paperboy supports; Redis and PostgreSQL are the real servers `.ci/services.sh` starts. */
export function backends(): Backend[] {
	const redis = process.env.PAPERBOY_TEST_REDIS_URL;
	const postgres = process.env.PAPERBOY_TEST_POSTGRES_URL;
	return [
		{ name: 'memory', url: 'memory://' },
		{ name: 'sqlite', url: 'sqlite-temp' },
		{ name: 'redis', url: redis, skipReason: 'PAPERBOY_TEST_REDIS_URL is not set (source .ci/services.sh to start a Redis server)' },
		{
			name: 'postgres',
			url: postgres,
			skipReason: 'PAPERBOY_TEST_POSTGRES_URL is not set (source .ci/services.sh to start a PostgreSQL server)',
		},
	];
}

/**
 * Opens a backend empty; the returned `reopen` opens the same data again, as a restarted
 * process would. Everything opened is closed after the test.
 */
export function useStorage(backend: Backend): { open(): Promise<Storage>; reopen(): Promise<Storage>; another(): Promise<Storage> } {
	const opened: Storage[] = [];
	const dirs: string[] = [];
	let url = backend.url!;
	afterEach(async () => {
		for (const storage of opened.splice(0).reverse()) await storage.close();
		for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
	});
	const track = (storage: Storage) => (opened.push(storage), storage);
	return {
		async open() {
			if (backend.name === 'sqlite') {
				const dir = mkdtempSync(join(tmpdir(), 'paperboy-store-'));
				dirs.push(dir);
				url = `sqlite://${join(dir, 'data', 'paperboy.sqlite')}`;
			}
			const storage = track(await openStorage(url));
			for (const name of NAMESPACES) await storage.namespace(name).clear();
			return storage;
		},
		/** A second connection to the same data, as another process would have. */
		async another() {
			return track(await openStorage(url));
		},
		async reopen() {
			// A store that does not outlive its process (memory) has nothing to reopen: it is the same store.
			if (!STORAGE_KINDS[backend.name].durable) return opened.at(-1)!;
			await opened.at(-1)?.close();
			opened.pop();
			return track(await openStorage(url));
		},
	};
}
