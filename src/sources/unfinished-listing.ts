import type { Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
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
 * Whether a file of `size` bytes that starts with `head` and ends with `tail` stops inside a
 * character: of UTF-16 when it starts with a byte-order mark for it, of UTF-8 otherwise. A
 * UTF-16 file cut so reads with a replaced character, and a warning, as a broken file would.
 */
export function cutMidCharacter(head: Uint8Array, tail: Uint8Array, size: number): boolean {
	const littleEndian = head[0] === 0xff && head[1] === 0xfe;
	if (!littleEndian && !(head[0] === 0xfe && head[1] === 0xff)) return endsMidCharacter(tail);
	if (size % 2 === 1) return true;
	const [first = 0, second = 0] = tail.subarray(-2);
	const unit = littleEndian ? first | (second << 8) : (first << 8) | second;
	// A lead surrogate: the second half of the character is yet to come.
	return unit >= 0xd800 && unit <= 0xdbff;
}

export interface TrustedPart {
	readonly listing?: ParsedListing;
	readonly heldBack: boolean;
	/** The listing, when the parser rejected it as it stands. */
	readonly rejected?: ParsedListing;
}

/**
 * The part of a listing that may still be being written which can be trusted already.
 * Only the last entry is at risk, as the writer had got past every other one. It is held
 * back when its abstract ends mid-sentence, when anything follows it (a next paragraph
 * too short yet to read as prose, or the next title, which may yet turn out to be either),
 * or when it runs over several paragraphs (the last may be the next paper's title read as
 * prose for want of its abstract). A rejected listing (handed back as `rejected`), or one cut
 * mid-character, is held back whole: its errors may be the cut's, not the file's.
 */
export function trustedPart(listing: ParsedListing, cutInCharacter: boolean): TrustedPart {
	const last = listing.entries.at(-1);
	if (!listing.accepted || !last) return { heldBack: true, rejected: listing };
	if (cutInCharacter) return { heldBack: true };
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
export async function readSettledListing(path: string, version: string, size: number, trusted: boolean): Promise<TrustedPart | undefined> {
	const { head, tail } = await readEnds(path, size);
	const listing = await readListing(path);
	if ((await stat(path).then(versionOf, () => undefined)) !== version) return undefined;
	return trusted ? { listing, heldBack: false } : trustedPart(listing, cutMidCharacter(head, tail, size));
}

/**
 * The first two bytes (a byte-order mark's) and the last four of a file as it was at `size`;
 * none when it cannot be opened, which `readListing` reports.
 */
async function readEnds(path: string, size: number): Promise<{ head: Uint8Array; tail: Uint8Array }> {
	const read = async (handle: FileHandle, length: number, at: number) => {
		const { bytesRead, buffer } = await handle.read(Buffer.alloc(length), 0, length, at);
		return buffer.subarray(0, bytesRead);
	};
	try {
		const handle = await open(path, 'r');
		try {
			return { head: await read(handle, Math.min(size, 2), 0), tail: await read(handle, Math.min(size, 4), Math.max(0, size - 4)) };
		} finally {
			await handle.close();
		}
	} catch {
		return { head: new Uint8Array(), tail: new Uint8Array() };
	}
}
