import { hostname } from 'node:os';
import type { Writable } from 'node:stream';
import { Leadership } from '../leadership.ts';
import { createLogger } from '../logger.ts';
import { STORAGE_KINDS, storageKind } from '../storage/kinds.ts';
import { differences, type StoreTally } from '../storage/records.ts';
import { NAMESPACES, openStorage, redactUrl, type Storage } from '../storage/storage.ts';
import { TransferRefusedError } from '../storage/transfer.ts';
import { UsageError, writeLine } from './io.ts';

/** Opens a store to copy from or into; memory:// is refused, since it holds nothing between processes. */
export async function openForTransfer(url: string, role: string): Promise<Storage> {
	const kind = storageKind(url);
	if (kind && !STORAGE_KINDS[kind].durable)
		throw new UsageError(`${role} ${redactUrl(url)} keeps nothing once the process ends: there is nothing to copy to or from it`);
	return openStorage(url);
}

/**
 * Holds the store's delivery lease for as long as records are copied. A running bot renews it
 * every few seconds, so finding it held means a bot is running on that store; holding it keeps
 * one that starts meanwhile from delivering. One process alone on its store (SQLite) always
 * gets it: whether a bot runs there cannot be seen, which is why the README says to stop it.
 */
export async function holdDeliveryLease(storage: Storage, force: boolean): Promise<{ release(): Promise<void> }> {
	const leadership = new Leadership({
		lease: storage.lease('delivery'),
		store: storage,
		owner: `paperboy-transfer:${hostname()}:${process.pid}`,
		logger: createLogger('silent'),
		lead: async () => ({ stop: async () => {} }),
	});
	await leadership.start();
	if (!leadership.isLeader) {
		await leadership.stop();
		if (!force)
			throw new TransferRefusedError(
				`a Paperboy bot is running on ${storage.location} (it holds the delivery lease): stop every bot using it first (a bot stopped just now lets the lease go within 10 s), or pass --force to copy anyway`,
			);
	}
	return { release: () => leadership.stop() };
}

const short = (digest: string | undefined) => (digest ? digest.slice(0, 16) : '-');

/** Prints, per namespace, the records and digest on both sides and whether they agree; true when all do. */
export function printTallies(
	out: Writable,
	from: { readonly name: string; readonly tally: Partial<StoreTally> },
	to: { readonly name: string; readonly tally: StoreTally },
): boolean {
	const wrong = new Set(differences(from.tally, to.tally));
	const header = ['namespace', `${from.name} records`, `${to.name} records`, 'sha256 (first 16 digits)', ''];
	const rows = NAMESPACES.map((ns) => {
		const [expected, actual] = [from.tally[ns], to.tally[ns]];
		const digest = wrong.has(ns) ? `${short(expected?.digest)} ≠ ${short(actual.digest)}` : short(actual.digest);
		return [ns, String(expected?.records ?? '-'), String(actual.records), digest, wrong.has(ns) ? 'DIFFERS' : 'same'];
	});
	const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)));
	for (const row of [header, ...rows])
		writeLine(
			out,
			row
				.map((cell, column) => cell.padEnd(widths[column]!))
				.join('  ')
				.trimEnd(),
		);
	return wrong.size === 0;
}
