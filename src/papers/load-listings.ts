import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { PaperLibrary } from './library.ts';
import type { ParseWarning } from './paper.ts';
import { decodeListing } from './decode-listing.ts';
import { parseListing, type ParsedListing } from './parse-listing.ts';
import { whyNotAFile, whyUnreadable } from './unreadable-listing.ts';

/** Larger than any real listing page; reading it would only risk the process's memory. */
export const MAX_LISTING_BYTES = 256 * 1024 * 1024;
export const LISTING_EXTENSION = '.txt';
/** Listings as the real corpora and many archives ship them; read as the text they hold. */
export const GZIP_LISTING_EXTENSION = '.txt.gz';

const gunzipAsync = promisify(gunzip);
const mib = (bytes: number) => `${Math.round((bytes / 2 ** 20) * 10) / 10} MiB`;

function rejected(file: string, message: string): ParsedListing {
	const warning: ParseWarning = { file, severity: 'error', message };
	return { file, entries: [], warnings: [warning], accepted: false };
}

/** The text bytes of a gzip listing, never more than `maxBytes` of them: a small file can unpack to gigabytes. */
async function gunzipListing(file: string, bytes: Buffer, maxBytes: number): Promise<Buffer | ParsedListing> {
	try {
		return await gunzipAsync(bytes, { maxOutputLength: maxBytes });
	} catch (error) {
		const { code, message } = error as NodeJS.ErrnoException;
		if (code === 'ERR_BUFFER_TOO_LARGE') return rejected(file, `unpacks to over the ${mib(maxBytes)} limit for a listing`);
		if (code === 'Z_BUF_ERROR') return rejected(file, 'gzip data ends early (file cut short, or still being written?)');
		return rejected(file, `not readable as gzip: ${message}`);
	}
}

/**
 * Reads and parses one listing file, gunzipping one named `.txt.gz`; every problem becomes a
 * warning naming the file. `maxBytes` limits the text, before and after unpacking.
 */
export async function readListing(path: string, maxBytes = MAX_LISTING_BYTES): Promise<ParsedListing> {
	const file = basename(path);
	let bytes: Buffer;
	try {
		const info = await stat(path);
		if (!info.isFile()) return rejected(file, await whyNotAFile(path, info));
		if (info.size > maxBytes) return rejected(file, `file is ${mib(info.size)}, over the ${mib(maxBytes)} limit for a listing`);
		bytes = await readFile(path);
	} catch (error) {
		return rejected(file, await whyUnreadable(path, error));
	}
	if (file.endsWith(GZIP_LISTING_EXTENSION)) {
		const unpacked = await gunzipListing(file, bytes, maxBytes);
		if (!Buffer.isBuffer(unpacked)) return unpacked;
		bytes = unpacked;
	}
	const decoded = decodeListing(file, bytes);
	if ('problem' in decoded) return rejected(file, decoded.problem);
	const listing = parseListing(file, decoded.text);
	return decoded.warning ? { ...listing, warnings: [decoded.warning, ...listing.warnings] } : listing;
}

/** Lists the listing files of a folder in a stable order. */
export async function listingFiles(dir: string): Promise<string[]> {
	const names = await readdir(dir);
	return names
		.filter((name) => (name.endsWith(LISTING_EXTENSION) || name.endsWith(GZIP_LISTING_EXTENSION)) && !name.startsWith('.'))
		.sort()
		.map((name) => join(dir, name));
}

/** Loads every listing of a folder; one bad file never stops the others. */
export async function loadLibrary(dir: string): Promise<PaperLibrary> {
	const library = new PaperLibrary();
	for (const path of await listingFiles(dir)) library.addListing(await readListing(path));
	return library;
}
