import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import type { ParseWarning } from '../papers/paper.ts';
import { INDEX_VERSION } from './paper-terms.ts';
import type { SegmentLayout } from './segment-layout.ts';
import type { SegmentData } from './segment-writer.ts';

/** A listing file as it was when its papers went into the snapshot. */
export interface ListingStamp {
	readonly name: string;
	readonly size: number;
	readonly mtimeMs: number;
}

/** What a snapshot was built from, to tell whether it still stands for the papers folder. */
export interface SnapshotManifest {
	readonly builtAt: string;
	readonly papers: number;
	readonly listings: readonly ListingStamp[];
	/** The listings' warnings, logged again at every start as if they had been parsed. */
	readonly warnings: readonly ParseWarning[];
}

interface Header {
	readonly format: string;
	readonly layout: SegmentLayout;
	readonly manifest: SnapshotManifest;
	readonly bodyCrc32: number;
}

const MAGIC = Buffer.from('PAPERBOY-INDEX\n\0');
/** Bump when the file's layout changes; INDEX_VERSION covers what is indexed. */
const FORMAT = `snapshot 2, index ${INDEX_VERSION}`;
/**
 * Magic, header length (u32), header CRC-32 (u32). CRC-32 catches truncation and bit rot at a
 * third of SHA-256's cost, which counts on a 2 GB snapshot; it is no defence against someone who
 * may write the index folder, and needs none: they could replace the bot itself.
 */
const PREFIX_BYTES = MAGIC.length + 8;
const MAX_HEADER_BYTES = 256 * 2 ** 20;
const CHUNK_BYTES = 16 * 2 ** 20;

export type SnapshotRead = { readonly segment: SegmentData; readonly manifest: SnapshotManifest } | { readonly problem: string };

const bodyStart = (headerBytes: number) => Math.ceil((PREFIX_BYTES + headerBytes) / 8) * 8;

/** Writes the snapshot atomically: a crash leaves the old one or the new one, never half of one. */
export async function writeSnapshot(path: string, segment: SegmentData, manifest: SnapshotManifest): Promise<void> {
	const body = new Uint8Array(segment.buffer, 0, segment.layout.byteLength);
	let bodyCrc32 = 0;
	for (let at = 0; at < body.length; at += CHUNK_BYTES)
		bodyCrc32 = crc32(body.subarray(at, Math.min(body.length, at + CHUNK_BYTES)), bodyCrc32);
	const header: Header = { format: FORMAT, layout: segment.layout, manifest, bodyCrc32 };
	const headerBytes = Buffer.from(JSON.stringify(header));
	const prefix = Buffer.alloc(bodyStart(headerBytes.length) - headerBytes.length);
	MAGIC.copy(prefix);
	prefix.writeUInt32LE(headerBytes.length, MAGIC.length);
	prefix.writeUInt32LE(crc32(headerBytes), MAGIC.length + 4);
	await mkdir(dirname(path), { recursive: true });
	// Unique per writer: threads of one process, or processes sharing the folder, may save at once.
	const temporary = `${path}.${process.pid}-${randomUUID().slice(0, 8)}.tmp`;
	const file = await open(temporary, 'w');
	try {
		await file.write(prefix.subarray(0, PREFIX_BYTES));
		await file.write(headerBytes);
		await file.write(Buffer.alloc(prefix.length - PREFIX_BYTES));
		for (let at = 0; at < body.length; at += CHUNK_BYTES) await file.write(body.subarray(at, Math.min(body.length, at + CHUNK_BYTES)));
		await file.sync();
	} catch (error) {
		await file.close();
		await rm(temporary, { force: true });
		throw error;
	}
	await file.close();
	await rename(temporary, path);
}

/** Reads and checks a snapshot; anything amiss comes back as the reason not to trust it, never as a throw. */
export async function readSnapshot(path: string): Promise<SnapshotRead> {
	let file;
	try {
		file = await open(path, 'r');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return {
			problem:
				code === 'ENOENT' ? 'there is no index snapshot yet' : `the index snapshot cannot be opened (${code ?? (error as Error).message})`,
		};
	}
	try {
		return await readOpened(file, (await file.stat()).size);
	} catch (error) {
		return { problem: `the index snapshot cannot be read (${(error as Error).message})` };
	} finally {
		await file.close();
	}
}

async function readOpened(file: Awaited<ReturnType<typeof open>>, size: number): Promise<SnapshotRead> {
	const prefix = Buffer.alloc(PREFIX_BYTES);
	const { bytesRead } = await file.read(prefix, 0, PREFIX_BYTES, 0);
	if (bytesRead < PREFIX_BYTES || !prefix.subarray(0, MAGIC.length).equals(MAGIC))
		return { problem: 'the index snapshot is not a Paperboy index file' };
	const headerLength = prefix.readUInt32LE(MAGIC.length);
	if (headerLength > MAX_HEADER_BYTES || PREFIX_BYTES + headerLength > size)
		return { problem: 'the index snapshot is truncated (its header is cut short)' };
	const headerBytes = Buffer.alloc(headerLength);
	await file.read(headerBytes, 0, headerLength, PREFIX_BYTES);
	if (crc32(headerBytes) !== prefix.readUInt32LE(MAGIC.length + 4))
		return { problem: 'the index snapshot is corrupted (its header checksum does not match)' };
	const header = JSON.parse(headerBytes.toString('utf8')) as Header;
	if (header.format !== FORMAT)
		return { problem: `the index snapshot was made by another version of Paperboy ("${header.format}", this one writes "${FORMAT}")` };
	const start = bodyStart(headerLength);
	const expected = start + header.layout.byteLength;
	if (size < expected) return { problem: `the index snapshot is truncated (${size} of ${expected} bytes)` };
	if (size > expected) return { problem: `the index snapshot has ${size - expected} bytes more than its header says` };
	const buffer = new SharedArrayBuffer(header.layout.byteLength);
	const chunk = (at: number) => new Uint8Array(buffer, at, Math.min(CHUNK_BYTES, buffer.byteLength - at));
	const fill = async (at: number) => {
		const target = chunk(at);
		for (let filled = 0; filled < target.length;) {
			const { bytesRead: read } = await file.read(target, filled, target.length - filled, start + at + filled);
			if (read === 0) return false;
			filled += read;
		}
		return true;
	};
	// The next chunk is read while this one is checked.
	let checksum = 0;
	let reading = fill(0);
	for (let at = 0; at < buffer.byteLength; at += CHUNK_BYTES) {
		if (!(await reading)) return { problem: 'the index snapshot is truncated (it ended while being read)' };
		reading = at + CHUNK_BYTES < buffer.byteLength ? fill(at + CHUNK_BYTES) : Promise.resolve(true);
		checksum = crc32(chunk(at), checksum);
	}
	if (checksum !== header.bodyCrc32) return { problem: 'the index snapshot is corrupted (its checksum does not match)' };
	return { segment: { buffer, layout: header.layout }, manifest: header.manifest };
}
