import type Keyv from 'keyv';
import { NoAnswerError } from '../within.ts';
import { STORAGE_KINDS, type StorageKind } from './kinds.ts';
import type { Lease } from './lease.ts';

/** Which store, as a message names it: its kind and where it is, without a password. */
export interface StoreName {
	readonly kind: StorageKind;
	readonly location: string;
}

const LABELS: Record<StorageKind, string> = {
	sqlite: 'SQLite file',
	redis: 'Redis server',
	postgres: 'PostgreSQL server',
	memory: 'memory store',
};

/** Errors that mean the disk is full, from SQLite and from the system. */
const DISK_FULL = new Set(['SQLITE_FULL', 'ENOSPC']);

function codeOf(error: unknown): string | undefined {
	const { code } = (error ?? {}) as { code?: unknown };
	return typeof code === 'string' ? code : undefined;
}

function describe(store: StoreName, operation: StoreOperation, error: unknown): string {
	const code = codeOf(error);
	const where = `the ${LABELS[store.kind]} at ${store.location}`;
	if (code && DISK_FULL.has(code) && store.kind === 'sqlite')
		return `the disk holding ${store.location.replace(/^sqlite:\/\//i, '')} is full (${code}): free space on it`;
	const hint = STORAGE_KINDS[store.kind].hint;
	if (error instanceof NoAnswerError) return `${where} did not answer within ${error.ms / 1000} s: ${hint}`;
	const reason = code ?? (error instanceof Error ? error.message : String(error));
	return `could not ${operation === 'write' ? 'write to' : 'read from'} ${where} (${reason}): ${hint}`;
}

export type StoreOperation = 'read' | 'write';

/**
 * A store operation that failed or went unanswered, named so that its log line says which store
 * (kind and redacted location), what went wrong and what to do, without knowing Paperboy's insides.
 */
export class StoreFailure extends Error {
	override readonly name = 'StoreFailure';

	readonly store: StoreName;
	readonly operation: StoreOperation;
	/** The driver's error code (`SQLITE_FULL`, `ECONNREFUSED`), when it gave one. */
	readonly code: string | undefined;
	constructor(store: StoreName, operation: StoreOperation, error: unknown) {
		super(describe(store, operation, error), { cause: error });
		this.store = { kind: store.kind, location: store.location };
		this.operation = operation;
		this.code = codeOf(error);
	}

	/** `error` as a StoreFailure of `store`: itself if it is one already. */
	static of(store: StoreName, operation: StoreOperation, error: unknown): StoreFailure {
		return error instanceof StoreFailure ? error : new StoreFailure(store, operation, error);
	}
}

/** Keyv's calls that reach the store, by what they do there. */
const OPERATIONS = new Map<string | symbol, StoreOperation>([
	['get', 'read'],
	['getMany', 'read'],
	['has', 'read'],
	['hasMany', 'read'],
	['set', 'write'],
	['setMany', 'write'],
	['delete', 'write'],
	['deleteMany', 'write'],
	['clear', 'write'],
]);

async function* failuresNamedIn<T>(entries: AsyncGenerator<T>, store: StoreName): AsyncGenerator<T> {
	try {
		yield* entries;
	} catch (error) {
		throw StoreFailure.of(store, 'read', error);
	}
}

/** The Keyv, with every failure of its operations (and of listing it) a StoreFailure naming `store`. */
export function namingFailures<T>(keyv: Keyv<T>, store: StoreName): Keyv<T> {
	return new Proxy(keyv, {
		get(target, property, receiver) {
			const value: unknown = Reflect.get(target, property, receiver);
			if (typeof value !== 'function') return value;
			const call = value as (...args: unknown[]) => unknown;
			if (property === 'iterator')
				return (...args: unknown[]) => failuresNamedIn(call.apply(target, args) as AsyncGenerator<unknown>, store);
			const operation = OPERATIONS.get(property);
			if (!operation) return value;
			return (...args: unknown[]) =>
				(call.apply(target, args) as Promise<unknown>).catch((error: unknown) => {
					throw StoreFailure.of(store, operation, error);
				});
		},
	});
}

/** The lease, with its failures StoreFailures naming `store`. */
export function leaseNamingFailures(lease: Lease, store: StoreName): Lease {
	return {
		acquire: (owner, ttlMs) =>
			lease.acquire(owner, ttlMs).catch((error: unknown) => {
				throw StoreFailure.of(store, 'write', error);
			}),
		release: (owner) =>
			lease.release(owner).catch((error: unknown) => {
				throw StoreFailure.of(store, 'write', error);
			}),
	};
}
