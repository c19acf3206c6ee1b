import { randomUUID } from 'node:crypto';
import { IDENTITY_PROBE_KEY, storedRecords, TRANSFER_MARKER_KEY, type StoredRecord } from './records.ts';
import { NAMESPACES, StorageError, type Namespace, type Storage } from './storage.ts';

/** Records written per request: one round trip each on Redis and PostgreSQL, without huge statements. */
const WRITE_BATCH = 500;

/** Left in the target's `meta` while it is being filled, so a copy cut short can be run again. */
export interface TransferMarker {
	/** Where the records come from, without a password: a store's location or a dump file. */
	readonly from: string;
	readonly startedAt: string;
}

/** A target that cannot be filled as asked; the message says what is there and what to do. */
export class TransferRefusedError extends Error {
	override readonly name = 'TransferRefusedError';
}

/**
 * Refuses to copy a store onto itself, which would empty it, however differently the two URLs
 * spell it (localhost and 127.0.0.1, two paths to one file): a key written to one is looked for in the other.
 */
export async function refuseSameStore(source: Storage, target: Storage): Promise<void> {
	const token = randomUUID();
	await source.namespace('meta').set(IDENTITY_PROBE_KEY, token);
	try {
		if ((await target.namespace('meta').get(IDENTITY_PROBE_KEY)) === token)
			throw new TransferRefusedError(`${source.location} and ${target.location} are the same store: copying it onto itself would empty it`);
	} finally {
		await source.namespace('meta').delete(IDENTITY_PROBE_KEY);
	}
}

async function firstRecord(storage: Storage): Promise<StoredRecord | undefined> {
	for await (const record of storedRecords(storage)) return record;
	return undefined;
}

/**
 * Makes `target` ready to receive everything from `from`: empty, or the unfinished copy of the
 * same source (resumed without --force), or anything at all with `force`. Whatever it held is
 * removed, so afterwards it holds exactly what is copied. The marker is written before anything
 * is removed and stays until the copy is verified.
 */
export async function prepareTarget(target: Storage, from: string, force: boolean): Promise<{ resumed: boolean }> {
	const meta = target.namespace<TransferMarker>('meta');
	const marker = await meta.get(TRANSFER_MARKER_KEY);
	const resumed = marker?.from === from;
	if (!resumed && !force) {
		if (marker)
			throw new TransferRefusedError(
				`${target.location} holds an unfinished copy from ${marker.from} (started ${marker.startedAt}): run that copy again to finish it, or pass --force to replace it with ${from}`,
			);
		const present = await firstRecord(target);
		if (present)
			throw new TransferRefusedError(
				`${target.location} already holds Paperboy data (${present.ns} among others): pass --force to replace everything in it with ${from}`,
			);
	}
	await meta.set(TRANSFER_MARKER_KEY, { from, startedAt: marker?.startedAt ?? new Date().toISOString() });
	await clearExceptMarker(target);
	return { resumed };
}

async function clearExceptMarker(target: Storage): Promise<void> {
	for (const ns of NAMESPACES.filter((name) => name !== 'meta')) await target.namespace(ns).clear();
	const meta = target.namespace('meta');
	const keys: string[] = [];
	for await (const record of storedRecords(target)) if (record.ns === 'meta') keys.push(record.key);
	if (keys.length > 0) await meta.deleteMany(keys);
}

/** Writes records in batches, each batch within one namespace; returns how many were written. */
export async function writeRecords(target: Storage, records: AsyncIterable<StoredRecord>): Promise<number> {
	let batch: { key: string; value: unknown }[] = [];
	let batchNs: Namespace | undefined;
	let written = 0;
	const flush = async () => {
		if (batchNs && batch.length > 0)
			await target
				.namespace(batchNs)
				.setMany(batch)
				.catch((error: unknown) => {
					// The store's own failure (a StoreFailure) names it and what to do.
					throw new StorageError(`cannot write ${batchNs}: ${(error as Error).message}`, { cause: error });
				});
		written += batch.length;
		batch = [];
	};
	for await (const record of records) {
		if (record.ns !== batchNs || batch.length >= WRITE_BATCH) await flush();
		batchNs = record.ns;
		batch.push({ key: record.key, value: record.value });
	}
	await flush();
	return written;
}

/** A store a migration or an import has not finished filling: nothing is wrong with the store itself. */
export class UnfinishedTransferError extends StorageError {}

/**
 * Refuses a store a migration or an import is still filling: a bot started on half a copy would
 * find no record of papers already seen or posted, and post them again.
 */
export async function refuseUnfinishedTransfer(storage: Storage): Promise<void> {
	const marker = await storage.namespace<TransferMarker>('meta').get(TRANSFER_MARKER_KEY);
	if (marker)
		throw new UnfinishedTransferError(
			`${storage.location} holds an unfinished copy from ${marker.from} (started ${marker.startedAt}): run that paperboy migrate or import again to finish it before starting the bot`,
		);
}

/** The copy is verified: the target is an ordinary store again. */
export async function finishTransfer(target: Storage): Promise<void> {
	await target.namespace('meta').delete(TRANSFER_MARKER_KEY);
}
