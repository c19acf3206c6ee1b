import { createHash } from 'node:crypto';
import { NAMESPACES, StorageError, type Namespace, type Storage } from './storage.ts';

/** One record Paperboy keeps, as a copy or a dump carries it. */
export interface StoredRecord {
	readonly ns: Namespace;
	readonly key: string;
	readonly value: unknown;
}

/** Marks a store being filled by a migration or an import, until its copy is verified. */
export const TRANSFER_MARKER_KEY = 'transfer-in-progress';
/** Written to a migration's source for a moment, to see whether the target is the same store. */
export const IDENTITY_PROBE_KEY = 'transfer-identity';

/**
 * Keys in `meta` that describe the store itself, not Paperboy's data: openStorage's and doctor's
 * probes (rewritten at every open) and the transfer's own keys. They are neither copied nor counted.
 */
const HOUSEKEEPING_KEYS = new Set(['storage-check', 'doctor-probe', TRANSFER_MARKER_KEY, IDENTITY_PROBE_KEY]);

/**
 * Every record of `storage`, namespace by namespace. Redis's SCAN may return a key twice;
 * each is yielded once. Leases are not records: they live outside the namespaces.
 */
export async function* storedRecords(storage: Storage): AsyncGenerator<StoredRecord> {
	for (const ns of NAMESPACES) {
		const keyv = storage.namespace(ns);
		// The PostgreSQL adapter ends a failed listing early and only emits the error: fail rather
		// than copy part of a namespace.
		let failure: unknown;
		const onError = (error: unknown) => (failure ??= error);
		keyv.on('error', onError);
		try {
			const yielded = new Set<string>();
			for await (const [key, value] of keyv.iterator!(undefined)) {
				if (failure) break;
				const name = key as string;
				if (yielded.has(name) || (ns === 'meta' && HOUSEKEEPING_KEYS.has(name))) continue;
				yielded.add(name);
				yield { ns, key: name, value };
			}
		} catch (error) {
			// A record that is not JSON, or a store gone away: one line naming where, not a stack.
			failure ??= error;
		} finally {
			keyv.off('error', onError);
		}
		if (failure) throw new StorageError(`cannot read ${ns} in ${storage.location}: ${(failure as Error).message}`, { cause: failure });
	}
}

/** JSON with object keys sorted, so the same value hashes the same whichever store it came from. */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_key, item: unknown) =>
		item && typeof item === 'object' && !Array.isArray(item)
			? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
			: item,
	);
}

/** How many records a namespace holds, and a sha256 over its sorted keys and canonical values. */
export interface NamespaceTally {
	readonly records: number;
	readonly digest: string;
}

export type StoreTally = Readonly<Record<Namespace, NamespaceTally>>;

/** Adds records up in any order into a tally that depends only on what they are. */
export class Tallier {
	readonly #hashes = new Map<Namespace, Map<string, string>>(NAMESPACES.map((ns) => [ns, new Map()]));

	add(record: StoredRecord): void {
		const value = createHash('sha256').update(canonicalJson(record.value)).digest('hex');
		this.#hashes.get(record.ns)!.set(record.key, value);
	}

	tally(): StoreTally {
		const entries = NAMESPACES.map((ns) => {
			const hashes = this.#hashes.get(ns)!;
			const digest = createHash('sha256');
			for (const key of [...hashes.keys()].sort()) digest.update(`${JSON.stringify(key)}\t${hashes.get(key)}\n`);
			return [ns, { records: hashes.size, digest: digest.digest('hex') }] as const;
		});
		return Object.fromEntries(entries) as Record<Namespace, NamespaceTally>;
	}
}

export async function tallyStore(storage: Storage): Promise<StoreTally> {
	const tallier = new Tallier();
	for await (const record of storedRecords(storage)) tallier.add(record);
	return tallier.tally();
}

/** The namespaces whose count or digest differ (or that `expected`, read from a file, lacks). */
export function differences(expected: Partial<StoreTally>, actual: StoreTally): Namespace[] {
	return NAMESPACES.filter((ns) => expected[ns]?.records !== actual[ns].records || expected[ns]?.digest !== actual[ns].digest);
}
