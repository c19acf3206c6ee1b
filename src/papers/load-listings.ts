import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { PaperLibrary } from './library.js';
import type { ParseWarning } from './paper.js';
import { parseListing, type ParsedListing } from './parse-listing.js';

/** Larger than any real listing page; reading it would only risk the process's memory. */
export const MAX_LISTING_BYTES = 256 * 1024 * 1024;
export const LISTING_EXTENSION = '.txt';

function rejected(file: string, message: string): ParsedListing {
	const warning: ParseWarning = { file, severity: 'error', message };
	return { file, entries: [], warnings: [warning], accepted: false };
}

/**
 * Decodes a listing's bytes. Binary data is refused; text that is not UTF-8 is most likely
 * a Windows-1252 export and is read as such, with a warning, rather than dropped.
 */
function decodeListing(file: string, bytes: Buffer): { text: string; warning?: ParseWarning } | undefined {
	if (bytes.subarray(0, 64 * 1024).includes(0)) return undefined;
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
	} catch {
		const text = new TextDecoder('windows-1252').decode(bytes);
		return { text, warning: { file, severity: 'warning', message: 'not valid UTF-8; read as Windows-1252' } };
	}
}

/** Reads and parses one listing file; every problem becomes a warning naming the file. */
export async function readListing(path: string): Promise<ParsedListing> {
	const file = basename(path);
	let bytes: Buffer;
	try {
		const info = await stat(path);
		if (!info.isFile()) return rejected(file, 'not a regular file');
		if (info.size > MAX_LISTING_BYTES) {
			return rejected(file, `file is ${Math.round(info.size / 2 ** 20)} MiB, over the ${MAX_LISTING_BYTES / 2 ** 20} MiB limit for a listing`);
		}
		bytes = await readFile(path);
	} catch (error) {
		return rejected(file, `cannot read the file: ${(error as Error).message}`);
	}
	const decoded = decodeListing(file, bytes);
	if (!decoded) return rejected(file, 'binary data, not a text listing');
	const listing = parseListing(file, decoded.text);
	return decoded.warning ? { ...listing, warnings: [decoded.warning, ...listing.warnings] } : listing;
}

/** Lists the listing files of a folder in a stable order. */
export async function listingFiles(dir: string): Promise<string[]> {
	const names = await readdir(dir);
	return names
		.filter((name) => name.endsWith(LISTING_EXTENSION) && !name.startsWith('.'))
		.sort()
		.map((name) => join(dir, name));
}

/** Loads every listing of a folder; one bad file never stops the others. */
export async function loadLibrary(dir: string): Promise<PaperLibrary> {
	const library = new PaperLibrary();
	for (const path of await listingFiles(dir)) library.addListing(await readListing(path));
	return library;
}
