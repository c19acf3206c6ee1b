import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DEFAULT_STORAGE_URL } from '../config.ts';
import { DumpError, dumpLines, readDump, type DumpSummary } from '../storage/dump.ts';
import { tallyStore } from '../storage/records.ts';
import { StorageError, type Storage } from '../storage/storage.ts';
import { finishTransfer, prepareTarget, TransferRefusedError, writeRecords } from '../storage/transfer.ts';
import { botEnvironment } from './doctor-command.ts';
import { UsageError, writeLine, type CliIo } from './io.ts';
import { holdDeliveryLease, openForTransfer, printTallies } from './transfer-common.ts';

export interface DumpOptions {
	/** --storage; otherwise the store the bot would use (STORAGE_URL, from .env too). */
	readonly storage: string | undefined;
	readonly force: boolean;
}

function fileArgument(command: string, args: readonly string[]): string {
	if (args.length !== 1) throw new UsageError(`${command} needs one FILE (or - for standard ${command === 'export' ? 'output' : 'input'})`);
	return args[0]!;
}

/** Opens the store and holds its delivery lease while `work` runs; refusals and store failures become one line and exit code 1. */
async function withStore(options: DumpOptions, io: CliIo, work: (storage: Storage) => Promise<number>): Promise<number> {
	const url = options.storage ?? (botEnvironment(io).env.STORAGE_URL?.trim() || DEFAULT_STORAGE_URL);
	let storage: Storage | undefined;
	let lease: { release(): Promise<void> } | undefined;
	try {
		storage = await openForTransfer(url, 'the store');
		lease = await holdDeliveryLease(storage, options.force);
		return await work(storage);
	} catch (error) {
		if (!(error instanceof TransferRefusedError || error instanceof StorageError || error instanceof DumpError)) throw error;
		writeLine(io.stderr, `paperboy: ${error.message}`);
		return 1;
	} finally {
		await lease?.release().catch(() => {});
		await storage?.close();
	}
}

/** Writes everything the store holds as a dump, streamed: FILE, or standard output for -. */
export async function runExport(args: readonly string[], options: DumpOptions, io: CliIo): Promise<number> {
	const file = fileArgument('export', args);
	return withStore(options, io, async (storage) => {
		const lines = Readable.from(
			(async function* () {
				for await (const line of dumpLines(storage)) yield `${line}\n`;
			})(),
		);
		if (file === '-') {
			await pipeline(lines, io.stdout, { end: false });
			return 0;
		}
		// Written aside and renamed when complete: an export that fails never replaces the last good one.
		const partial = `${file}.partial`;
		try {
			await pipeline(lines, createWriteStream(partial));
			await rename(partial, file);
		} finally {
			await rm(partial, { force: true });
		}
		writeLine(io.stderr, `exported ${storage.location} to ${resolve(file)}`);
		return 0;
	});
}

function linesOf(file: string): AsyncIterable<string> {
	return createInterface({ input: createReadStream(file), crlfDelay: Infinity });
}

/** Reads a whole dump, checking every line and its closing line, before anything is written. */
async function checkDump(file: string): Promise<DumpSummary> {
	const records = readDump(linesOf(file));
	for (;;) {
		const next = await records.next();
		if (next.done) return next.value;
	}
}

/**
 * Replaces what the store holds with a dump's records, then compares the store with the dump.
 * The dump is read through once before the store is touched, so a damaged one changes nothing.
 */
export async function runImport(args: readonly string[], options: DumpOptions, io: CliIo): Promise<number> {
	const file = fileArgument('import', args);
	if (file !== '-') return importDump(resolve(file), resolve(file), options, io);
	// Read twice, standard input is kept in a file first (`ssh old-host … export - | … import -`).
	const dir = await mkdtemp(join(tmpdir(), 'paperboy-import-'));
	try {
		await pipeline(io.stdin, createWriteStream(join(dir, 'dump.jsonl')));
		return await importDump(join(dir, 'dump.jsonl'), 'standard input', options, io);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

/** Imports the dump at `path`, called `name` in messages (and in the marker, so running it again resumes). */
async function importDump(path: string, name: string, options: DumpOptions, io: CliIo): Promise<number> {
	let summary: DumpSummary;
	try {
		summary = await checkDump(path);
	} catch (error) {
		if (!(error instanceof DumpError || (error as NodeJS.ErrnoException).code === 'ENOENT')) throw error;
		writeLine(io.stderr, `paperboy: ${name} cannot be imported: ${(error as Error).message}; nothing was changed`);
		return 1;
	}
	return withStore(options, io, async (storage) => {
		const from = `the dump from ${name} of ${summary.header.source.location} (${summary.header.createdAt})`;
		const { resumed } = await prepareTarget(storage, from, options.force);
		if (resumed) writeLine(io.stderr, `${storage.location} holds an unfinished import of this dump: importing again`);
		await writeRecords(storage, readDump(linesOf(path)));
		const same = printTallies(io.stdout, { name: 'dump', tally: summary.tally }, { name: 'store', tally: await tallyStore(storage) });
		if (!same) {
			writeLine(io.stderr, `paperboy: ${storage.location} does not hold what ${name} holds: was a bot running? Stop it and import again`);
			return 1;
		}
		await finishTransfer(storage);
		writeLine(io.stdout, `imported ${summary.records.toLocaleString('en-US')} records from ${name} into ${storage.location}; both agree`);
		return 0;
	});
}
