import type { Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { readListing } from '../papers/load-listings.ts';
import { endsComplete, type ParsedListing } from '../papers/parse-listing.ts';

/** Size, mtime and inode: a file renamed over another changes it even when size and mtime match. */
export const versionOf = (info: Stats) => `${info.size}:${info.mtimeMs}:${info.ino}`;

/**
 * Whether bytes stop inside a UTF-8 character. A file cut there fails UTF-8 decoding and
 * would be read whole as Windows-1252, garbling every paper in it, not just the last.
 */
export function endsMidCharacter(tail: Uint8Array): boolean {
	for (let back = 1; back <= tail.length; back++) {
		const byte = tail[tail.length - back]!;
		if ((byte & 0xc0) === 0x80) continue;
		const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
		return length > back;
	}
	return false;
}

/**
 * The part of a listing that may still be being written which can be trusted already.
 * Only the last entry is at risk, as the writer had got past every other one. It is held
 * back when its abstract ends mid-sentence, when anything follows it (a next paragraph
 * too short yet to read as prose, or the next title, which may yet turn out to be either),
 * or when it runs over several paragraphs (the last may be the next paper's title read as
 * prose for want of its abstract). A rejected listing, or one cut mid-character, is held
 * back whole: its errors are likely the cut's, not the file's.
 */
export function trustedPart(listing: ParsedListing, tail: Uint8Array): { listing?: ParsedListing; heldBack: boolean } {
	const last = listing.entries.at(-1);
	if (!listing.accepted || !last || endsMidCharacter(tail)) return { heldBack: true };
	const finished =
		endsComplete(last.abstract) &&
		!last.abstract.includes('\n\n') &&
		!listing.warnings.some((warning) => warning.line !== undefined && warning.line > last.line);
	if (finished) return { listing, heldBack: false };
	const entries = listing.entries.slice(0, -1);
	return entries.length > 0 ? { listing: { ...listing, entries }, heldBack: true } : { heldBack: true };
}

/**
 * Reads a listing file at the version (see `versionOf`) it settled at; undefined when it has
 * changed since. Unless `trusted` (unchanged long enough to be finished), only its `trustedPart`.
 */
export async function readSettledListing(path: string, version: string, size: number, trusted: boolean) {
	const tail = await readTail(path, size);
	const listing = await readListing(path);
	if ((await stat(path).then(versionOf, () => undefined)) !== version) return undefined;
	return trusted ? { listing, heldBack: false } : trustedPart(listing, tail);
}

/** The last bytes of a file as it was at `size`; none when it cannot be opened, which `readListing` reports. */
async function readTail(path: string, size: number): Promise<Uint8Array> {
	const length = Math.min(size, 4);
	try {
		const handle = await open(path, 'r');
		try {
			const { bytesRead, buffer } = await handle.read(Buffer.alloc(length), 0, length, size - length);
			return buffer.subarray(0, bytesRead);
		} finally {
			await handle.close();
		}
	} catch {
		return new Uint8Array();
	}
}
