import Keyv from 'keyv';
import { within } from '../within.ts';
import { backendFor, OPEN_TIMEOUT_MS, type Backend } from './backends.ts';
import { STORAGE_EXAMPLES, storageKind, type StorageKind } from './kinds.ts';
import type { Lease } from './lease.ts';
import { leaseNamingFailures, namingFailures } from './store-failure.ts';

/** The record kinds Paperboy keeps; each lives under its own Keyv namespace so it can be listed alone. */
export type Namespace = 'channels' | 'deliveries' | 'delivered' | 'seen' | 'papers' | 'meta' | 'reading-lists';
export const NAMESPACES: readonly Namespace[] = ['channels', 'deliveries', 'delivered', 'seen', 'papers', 'meta', 'reading-lists'];

/** Everything Paperboy remembers, on the store `STORAGE_URL` names, one Keyv per namespace. */
export interface Storage {
	readonly kind: StorageKind;
	/** Where the data lives, safe to log: no password. */
	readonly location: string;
	namespace<T>(name: Namespace): Keyv<T>;
	/** A lease in this store, for electing one leader among processes that share it. */
	lease(name: string): Lease;
	/** Writes a key and resolves once the store has it: that it answers and takes writes (a full disk does not). */
	probe(): Promise<void>;
	close(): Promise<void>;
}

/** A storage URL that cannot be used; the message says what would work. */
export class StorageError extends Error {
	override readonly name = 'StorageError';
}

/** The URL with any password replaced, for logs and messages. */
export function redactUrl(url: string): string {
	return url.replace(/^([a-z]+:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');
}

/**
 * Opens the store `url` names and checks that it answers, so a wrong URL fails at start
 * with a clear message rather than at the first subscription.
 */
export async function openStorage(url: string): Promise<Storage> {
	const kind = storageKind(url);
	const location = redactUrl(url);
	if (!kind) throw new StorageError(`STORAGE_URL "${location}" is not supported: use ${STORAGE_EXAMPLES}`);
	let backend: Backend | undefined;
	try {
		backend = await backendFor(kind, url);
		const made = backend;
		const opened = new Map(
			NAMESPACES.map((name) => [name, new Keyv({ store: made.adapter() ?? new Map(), namespace: name, throwOnErrors: true })]),
		);
		const meta = opened.get('meta')!;
		const probe = async () => void (await meta.set('storage-check', new Date().toISOString()));
		await within(probe(), OPEN_TIMEOUT_MS);
		// From here on every failure names the store, so that a log line about it says which one and what to check.
		const store = { kind, location };
		const keyvs = new Map([...opened].map(([name, keyv]) => [name, namingFailures(keyv, store)]));
		return {
			kind,
			location,
			namespace: <T>(name: Namespace) => keyvs.get(name) as Keyv<T>,
			lease: (name) => leaseNamingFailures(made.lease(name), store),
			probe,
			close: () => made.close(),
		};
	} catch (error) {
		await backend?.close().catch(() => {});
		throw new StorageError(`cannot use the storage at ${location}: ${(error as Error).message}`, { cause: error });
	}
}
