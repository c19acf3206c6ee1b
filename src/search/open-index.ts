import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { listingDrafts, PaperLibrary } from '../papers/library.ts';
import { listingFiles, readListing } from '../papers/load-listings.ts';
import type { PaperDraft, ParseWarning } from '../papers/paper.ts';
import { writeSegment, type SegmentData } from './segment-writer.ts';
import { readSnapshot, writeSnapshot, type ListingStamp, type SnapshotManifest } from './snapshot.ts';

export const SNAPSHOT_FILE = 'library.pbindex';

/** How far a long build has come: listing files read, then papers indexed. */
export type IndexProgress =
	| { readonly phase: 'reading'; readonly files: number; readonly totalFiles: number; readonly papers: number }
	| { readonly phase: 'indexing'; readonly papers: number; readonly totalPapers: number };

export interface OpenIndexOptions {
	readonly papersDir: string;
	/** Where the snapshot is kept; undefined: always build, save nothing. */
	readonly indexDir: string | undefined;
	readonly onProgress?: (progress: IndexProgress) => void;
}

export interface OpenedIndex {
	readonly segment: SegmentData;
	/** Papers of listings that are new or changed since the snapshot, to index on top of it. */
	readonly pending: readonly PaperDraft[];
	readonly listings: readonly string[];
	readonly warnings: readonly ParseWarning[];
	/** Whether the snapshot was loaded, or why the index was rebuilt; and whether a rebuilt one was saved. */
	readonly loaded: boolean;
	readonly reason: string;
	readonly saveProblem?: string;
	/** What a snapshot of this index (with `pending` merged) stands for. */
	readonly manifest: SnapshotManifest;
}

/** The listing files of the folder as they are now. */
export async function stampListings(papersDir: string): Promise<ListingStamp[]> {
	return (await surveyListings(papersDir)).stamps;
}

/** The folder's listing files, stamped, and the listing names that are no file to read (a loop of links, a folder). */
async function surveyListings(papersDir: string): Promise<{ stamps: ListingStamp[]; notFiles: string[] }> {
	const stamps: ListingStamp[] = [];
	const notFiles: string[] = [];
	for (const path of await listingFiles(papersDir)) {
		const info = await stat(path).catch(() => undefined);
		if (info?.isFile()) stamps.push({ name: basename(path), size: info.size, mtimeMs: info.mtimeMs });
		else notFiles.push(path);
	}
	return { stamps, notFiles };
}

/** Listings the snapshot holds that are gone from the folder, and listings new or changed since it was saved. */
export function compareListings(manifest: SnapshotManifest, stamps: readonly ListingStamp[]): { gone: string[]; changed: ListingStamp[] } {
	const known = new Map(manifest.listings.map((stamp) => [stamp.name, stamp]));
	const present = new Set(stamps.map((stamp) => stamp.name));
	const gone = [...known.keys()].filter((name) => !present.has(name));
	const changed = stamps.filter((stamp) => known.get(stamp.name)?.size !== stamp.size || known.get(stamp.name)?.mtimeMs !== stamp.mtimeMs);
	return { gone, changed };
}

/** Builds the index from every listing (and saves it) when the snapshot cannot be used, saying why. */
export type IndexBuilder = (options: OpenIndexOptions, stamps: readonly ListingStamp[], reason: string) => Promise<OpenedIndex>;

/**
 * The index of the papers folder: the snapshot when it still stands for the folder (listings
 * added or grown since are parsed and handed back to index on top), else built from every
 * listing and saved (by `rebuild`, which the bot runs in a thread of its own). A snapshot that
 * is missing, stale or damaged is never trusted.
 */
export async function openIndex(options: OpenIndexOptions, rebuild: IndexBuilder = buildIndex): Promise<OpenedIndex> {
	const { stamps, notFiles } = await surveyListings(options.papersDir);
	const opened = await openStamped(options, stamps, rebuild);
	// Names that are no file to read were never part of a snapshot: told at every start.
	const unreadable: ParseWarning[] = [];
	for (const path of notFiles) for (const warning of (await readListing(path)).warnings) unreadable.push(warning);
	return unreadable.length === 0 ? opened : { ...opened, warnings: [...unreadable, ...opened.warnings] };
}

async function openStamped(options: OpenIndexOptions, stamps: readonly ListingStamp[], rebuild: IndexBuilder): Promise<OpenedIndex> {
	if (options.indexDir === undefined) return rebuild(options, stamps, 'no index folder is set');
	const snapshot = await readSnapshot(join(options.indexDir, SNAPSHOT_FILE));
	if ('problem' in snapshot) return rebuild(options, stamps, snapshot.problem);
	const { gone, changed } = compareListings(snapshot.manifest, stamps);
	// Papers of a removed listing would linger in the snapshot: only a rebuild drops them.
	if (gone.length > 0)
		return rebuild(options, stamps, `listing ${gone[0]}${gone.length > 1 ? ` and ${gone.length - 1} more` : ''} left the papers folder`);
	const pending: PaperDraft[] = [];
	const warnings = snapshot.manifest.warnings.filter((warning) => !changed.some((stamp) => stamp.name === warning.file));
	for (const stamp of changed) {
		const listing = await readListing(join(options.papersDir, stamp.name));
		for (const warning of listing.warnings) warnings.push(warning);
		for (const draft of listingDrafts(listing)) pending.push(draft);
	}
	const files = changed.length === 1 ? '1 listing file is' : `${changed.length} listing files are`;
	const reason = changed.length === 0 ? 'the listings are unchanged' : `${files} new or changed since; their papers are added`;
	const manifest: SnapshotManifest = { ...snapshot.manifest, listings: stamps, warnings };
	return { segment: snapshot.segment, pending, listings: stamps.map((stamp) => stamp.name), warnings, loaded: true, reason, manifest };
}

/** Parses every listing, indexes the papers and saves the snapshot (a failed save is reported, not thrown). */
export async function buildIndex(options: OpenIndexOptions, stamps: readonly ListingStamp[], reason: string): Promise<OpenedIndex> {
	const report = options.onProgress ?? (() => {});
	const library = new PaperLibrary();
	for (const [i, stamp] of stamps.entries()) {
		library.addListing(await readListing(join(options.papersDir, stamp.name)));
		report({ phase: 'reading', files: i + 1, totalFiles: stamps.length, papers: library.size });
	}
	const totalPapers = library.size;
	const segment = writeSegment(library.all(), (papers) => papers % 1000 === 0 && report({ phase: 'indexing', papers, totalPapers }));
	report({ phase: 'indexing', papers: totalPapers, totalPapers });
	const manifest: SnapshotManifest = {
		builtAt: new Date().toISOString(),
		papers: totalPapers,
		listings: stamps,
		warnings: library.warnings,
	};
	let saveProblem: string | undefined;
	if (options.indexDir !== undefined) {
		await writeSnapshot(join(options.indexDir, SNAPSHOT_FILE), segment, manifest).catch((error: unknown) => {
			saveProblem = `the index snapshot could not be saved in ${options.indexDir}: ${(error as Error).message}`;
		});
	}
	const listings = stamps.map((stamp) => stamp.name);
	return {
		segment,
		pending: [],
		listings,
		warnings: library.warnings,
		loaded: false,
		reason,
		...(saveProblem ? { saveProblem } : {}),
		manifest,
	};
}
