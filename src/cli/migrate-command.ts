import { storedRecords, Tallier, tallyStore, type StoredRecord } from '../storage/records.ts';
import { StorageError, type Storage } from '../storage/storage.ts';
import { finishTransfer, prepareTarget, refuseSameStore, TransferRefusedError, writeRecords } from '../storage/transfer.ts';
import { UsageError, writeLine, type CliIo } from './io.ts';
import { holdDeliveryLease, openForTransfer, printTallies } from './transfer-common.ts';

export interface MigrateOptions {
	readonly from: string | undefined;
	readonly to: string | undefined;
	readonly force: boolean;
}

/** Passes records on, adding each to the tally of what was copied. */
async function* counted(records: AsyncIterable<StoredRecord>, tallier: Tallier): AsyncGenerator<StoredRecord> {
	for await (const record of records) {
		tallier.add(record);
		yield record;
	}
}

/**
 * Copies everything Paperboy keeps from one store to another, then reads the target back and
 * compares it with what was read, namespace by namespace. Run again after an interruption, it
 * starts the copy over (the target's marker says it was this copy) without --force.
 */
export async function runMigrate(options: MigrateOptions, io: CliIo): Promise<number> {
	const { from, to, force } = options;
	if (!from || !to) throw new UsageError('migrate needs --from URL and --to URL');
	const opened: Storage[] = [];
	const held: { release(): Promise<void> }[] = [];
	try {
		const source = await openForTransfer(from, '--from');
		opened.push(source);
		const target = await openForTransfer(to, '--to');
		opened.push(target);
		await refuseSameStore(source, target);
		for (const storage of opened) held.push(await holdDeliveryLease(storage, force));
		const { resumed } = await prepareTarget(target, source.location, force);
		if (resumed) writeLine(io.stderr, `${target.location} holds an unfinished copy from ${source.location}: copying again`);
		const started = performance.now();
		const copied = new Tallier();
		const written = await writeRecords(target, counted(storedRecords(source), copied));
		const same = printTallies(io.stdout, { name: 'from', tally: copied.tally() }, { name: 'to', tally: await tallyStore(target) });
		if (!same) {
			writeLine(
				io.stderr,
				`paperboy: ${target.location} does not hold what was read from ${source.location}: was a bot running? Stop it and run the same command again`,
			);
			return 1;
		}
		await finishTransfer(target);
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		writeLine(
			io.stdout,
			`copied ${written.toLocaleString('en-US')} records from ${source.location} to ${target.location} in ${seconds} s; both agree`,
		);
		return 0;
	} catch (error) {
		if (!(error instanceof TransferRefusedError || error instanceof StorageError)) throw error;
		writeLine(io.stderr, `paperboy: ${error.message}`);
		return 1;
	} finally {
		for (const lease of held) await lease.release().catch(() => {});
		for (const storage of opened) await storage.close();
	}
}
