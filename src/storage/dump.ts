import { storedRecords, Tallier, differences, type StoreTally, type StoredRecord } from './records.ts';
import { NAMESPACES, type Namespace, type Storage } from './storage.ts';

/**
 * A dump is JSON lines: this header, one line per record ({ns, key, value}), then a closing line
 * with the count and digest of every namespace, so a truncated or altered file is recognised.
 */
export interface DumpHeader {
	readonly format: typeof DUMP_FORMAT;
	readonly version: number;
	readonly createdAt: string;
	readonly source: { readonly kind: string; readonly location: string };
	readonly namespaces: readonly Namespace[];
}

interface DumpTrailer {
	readonly format: typeof TRAILER_FORMAT;
	readonly records: number;
	readonly namespaces: StoreTally;
}

const DUMP_FORMAT = 'paperboy-dump';
const TRAILER_FORMAT = 'paperboy-dump-end';
/** Raised when the record lines change shape; a reader refuses versions it does not know. */
export const DUMP_VERSION = 1;

/** A dump that cannot be read; the message names the line and what is wrong with it. */
export class DumpError extends Error {
	override readonly name = 'DumpError';
}

/** The dump of everything `storage` holds, line by line (without newlines), read as it is written. */
export async function* dumpLines(storage: Storage, now = new Date()): AsyncGenerator<string> {
	const header: DumpHeader = {
		format: DUMP_FORMAT,
		version: DUMP_VERSION,
		createdAt: now.toISOString(),
		source: { kind: storage.kind, location: storage.location },
		namespaces: NAMESPACES,
	};
	yield JSON.stringify(header);
	const tallier = new Tallier();
	let records = 0;
	for await (const record of storedRecords(storage)) {
		tallier.add(record);
		records += 1;
		yield JSON.stringify({ ns: record.ns, key: record.key, value: record.value });
	}
	const trailer: DumpTrailer = { format: TRAILER_FORMAT, records, namespaces: tallier.tally() };
	yield JSON.stringify(trailer);
}

/** What a complete dump holds, as its closing line states and its records confirm. */
export interface DumpSummary {
	readonly header: DumpHeader;
	readonly records: number;
	readonly tally: StoreTally;
}

function parseLine(line: string, number: number): Record<string, unknown> {
	let parsed: unknown;
	try {
		parsed = JSON.parse(line);
	} catch (error) {
		throw new DumpError(`line ${number} is not JSON (${(error as Error).message}): the dump is damaged`);
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
		throw new DumpError(`line ${number} is not a JSON object: the dump is damaged`);
	return parsed as Record<string, unknown>;
}

function checkHeader(line: Record<string, unknown>): DumpHeader {
	if (line.format !== DUMP_FORMAT) throw new DumpError(`line 1 is not a Paperboy dump's header (made by paperboy export)`);
	if (line.version !== DUMP_VERSION)
		throw new DumpError(
			`line 1: the dump is version ${String(line.version)}, this Paperboy reads version ${DUMP_VERSION}: use the Paperboy that wrote it, or a newer one`,
		);
	return line as unknown as DumpHeader;
}

function checkRecord(line: Record<string, unknown>, number: number): StoredRecord {
	if (!NAMESPACES.includes(line.ns as Namespace))
		throw new DumpError(`line ${number}: "${String(line.ns)}" is not a namespace Paperboy keeps`);
	if (typeof line.key !== 'string' || line.key === '') throw new DumpError(`line ${number}: the record has no key`);
	if (!('value' in line)) throw new DumpError(`line ${number}: the record has no value`);
	return { ns: line.ns as Namespace, key: line.key, value: line.value };
}

/**
 * The records of a dump, checked line by line; returns, after the last, what the dump holds.
 * Throws a DumpError as soon as a line is wrong, and at the end if the closing line is missing
 * or does not match the records read.
 */
export async function* readDump(lines: AsyncIterable<string>): AsyncGenerator<StoredRecord, DumpSummary> {
	let number = 0;
	let header: DumpHeader | undefined;
	let trailer: DumpTrailer | undefined;
	const tallier = new Tallier();
	let records = 0;
	for await (const text of lines) {
		number += 1;
		if (trailer) {
			if (text.trim() === '') continue;
			throw new DumpError(`line ${number} follows the dump's closing line: the file holds more than one dump, or is damaged`);
		}
		const line = parseLine(text, number);
		if (!header) {
			header = checkHeader(line);
		} else if (line.format === TRAILER_FORMAT) {
			if (typeof line.namespaces !== 'object' || line.namespaces === null)
				throw new DumpError(`line ${number}: the closing line has no tally`);
			trailer = line as unknown as DumpTrailer;
		} else {
			const record = checkRecord(line, number);
			tallier.add(record);
			records += 1;
			yield record;
		}
	}
	if (!header) throw new DumpError('the file is empty: not a dump');
	if (!trailer)
		throw new DumpError(
			`the dump ends at line ${number} without its closing line: it is truncated (made by an export that did not finish, or cut short since)`,
		);
	const tally = tallier.tally();
	const wrong = differences(trailer.namespaces, tally);
	if (trailer.records !== records || wrong.length > 0)
		throw new DumpError(
			`the records do not match the dump's closing line (line ${number}) in ${wrong.join(', ') || 'their number'}: the dump is damaged`,
		);
	return { header, records, tally };
}
