import { watch, type FSWatcher } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { listingFiles, readListing } from '../papers/load-listings.ts';
import type { ParsedListing } from '../papers/parse-listing.ts';
import { readSettledListing, versionOf } from './unfinished-listing.ts';

export interface ListingWatcherOptions {
	/**
	 * Called, one at a time, with each new or changed listing, parsed; the watcher waits for it.
	 * A rejected listing (`accepted: false`, e.g. a binary file) comes here too, as its warnings
	 * are how the self-hoster learns about it, but only once the file has stayed unchanged for
	 * `holdRejectedMs`: a file still being written is easily mistaken for a broken one.
	 */
	onListing(listing: ParsedListing): Promise<void>;
	/** Problems the self-hoster should know about: an unreadable folder, an `onListing` failure... */
	onProblem(message: string, error?: unknown): void;
	/** How long a file must stay unchanged (size and mtime) before it is read. */
	settleMs?: number;
	/** Rescan period, as fs.watch misses events on some filesystems (network mounts, Docker volumes). */
	scanMs?: number;
	/** How long a file must stay unchanged before a last entry that looks unfinished is reported anyway. */
	holdIncompleteMs?: number;
	/**
	 * How long a rejected file must stay unchanged before it is reported. Much shorter than
	 * `holdIncompleteMs`: a rejected file yields no papers, so reporting it early risks only a
	 * warning, never half a paper, and a self-hoster who dropped a bad file hears of it at once.
	 */
	holdRejectedMs?: number;
}

export interface ListingWatcher {
	/** Stops watching; resolves once an `onListing` in progress has finished. */
	close(): Promise<void>;
}

interface FileState {
	readonly version: string;
	readonly size: number;
	/** When this version was first seen, on the monotonic clock. */
	readonly since: number;
	/** `part`: its trusted part, holding back the rest; `rejected`: read as rejected, and not told of yet. */
	reported: 'nothing' | 'part' | 'rejected' | 'whole';
	failures: number;
	retryAt: number;
}

const MAX_RETRY_MS = 5 * 60_000;

/**
 * Watches a papers folder for listings created or changed after it starts; those present then
 * were loaded at start-up, and deleted ones are forgotten. A file is read once it has settled,
 * and reported once per version; what may be unfinished in it (see `trustedPart`) is held
 * back until it has stayed unchanged for `holdIncompleteMs`. Resolves once watching.
 */
export async function watchListings(dir: string, options: ListingWatcherOptions): Promise<ListingWatcher> {
	const watcher = new FolderWatcher(dir, options);
	await watcher.start();
	return watcher;
}

class FolderWatcher implements ListingWatcher {
	readonly #files = new Map<string, FileState>();
	/** Names that are no file to read (a loop of symbolic links, a folder), told of once while they stay so. */
	readonly #skipped = new Set<string>();
	/** Problems reported and still standing, which rescans every few seconds must not repeat. */
	readonly #standing = new Set<string>();
	readonly #settleMs: number;
	readonly #scanMs: number;
	readonly #holdMs: number;
	readonly #holdRejectedMs: number;
	#fsWatcher: FSWatcher | undefined;
	#watchedIno: number | undefined;
	#interval: NodeJS.Timeout | undefined;
	#wake: NodeJS.Timeout | undefined;
	#running: Promise<void> | undefined;
	#again = false;
	#closed = false;
	#snapshotTaken = false;

	private readonly dir: string;
	private readonly options: ListingWatcherOptions;
	constructor(dir: string, options: ListingWatcherOptions) {
		this.dir = dir;
		this.options = options;
		({
			settleMs: this.#settleMs = 750,
			scanMs: this.#scanMs = 2000,
			holdIncompleteMs: this.#holdMs = 30_000,
			holdRejectedMs: this.#holdRejectedMs = 2500,
		} = options);
	}

	async start(): Promise<void> {
		this.#poke();
		await this.#running;
		this.#interval = setInterval(() => this.#poke(), this.#scanMs);
	}

	async close(): Promise<void> {
		this.#closed = true;
		clearInterval(this.#interval);
		clearTimeout(this.#wake);
		this.#fsWatcher?.close();
		await this.#running;
	}

	/** Runs a scan, or another right after the one under way: scans never overlap. */
	#poke(): void {
		if (this.#closed) return;
		if (this.#running) {
			this.#again = true;
			return;
		}
		this.#running = (async () => {
			do {
				this.#again = false;
				await this.#scan().catch((error: unknown) => this.#problem('watching the papers folder failed', error));
			} while (this.#again && !this.#closed);
			this.#running = undefined;
		})();
	}

	async #scan(): Promise<void> {
		// Files there when watching starts were loaded by start-up, even if this first look fails.
		const snapshot = !this.#snapshotTaken;
		this.#snapshotTaken = true;
		let paths: string[];
		try {
			this.#watchFolder((await stat(this.dir)).ino);
			paths = await listingFiles(this.dir);
			this.#standing.delete('folder');
		} catch (error) {
			// A watch on a deleted folder stays deaf, even to one created again under its name.
			this.#watchedIno = undefined;
			return this.#problem(`cannot read the papers folder ${this.dir}; will keep trying`, error, 'folder');
		}
		const now = performance.now();
		const present = new Set<string>();
		for (const path of paths) {
			const info = await stat(path).catch(() => undefined);
			if (!info?.isFile()) {
				await this.#skip(path, snapshot);
				continue;
			}
			this.#skipped.delete(path);
			present.add(path);
			const version = versionOf(info);
			if (this.#files.get(path)?.version === version) continue;
			const reported = snapshot ? 'whole' : 'nothing';
			this.#files.set(path, { version, size: info.size, since: now, reported, failures: 0, retryAt: 0 });
		}
		for (const path of this.#files.keys()) if (!present.has(path)) this.#files.delete(path);
		const listed = new Set(paths);
		for (const path of this.#skipped) if (!listed.has(path)) this.#skipped.delete(path);

		for (const [path, file] of this.#files) {
			if (!this.#closed && this.#dueAt(file) <= performance.now()) await this.#report(path, file);
		}
		// A loop, not a spread into Math.min: a folder may hold more files than a call takes arguments.
		let next = Infinity;
		for (const file of this.#files.values()) next = Math.min(next, this.#dueAt(file));
		clearTimeout(this.#wake);
		if (Number.isFinite(next) && !this.#closed) this.#wake = setTimeout(() => this.#poke(), Math.max(0, next - performance.now()));
	}

	/**
	 * Tells of a listing name that is no file to read, as a rejected listing: once, and not for
	 * those there at start, which start-up told of. One that vanished meanwhile is nothing to tell.
	 */
	async #skip(path: string, snapshot: boolean): Promise<void> {
		if (this.#skipped.has(path)) return;
		// Gone since the folder was listed: nothing to tell.
		if (!(await lstat(path).catch(() => undefined))) return;
		if (snapshot) return void this.#skipped.add(path);
		const listing = await readListing(path);
		// Readable after all (a link whose target just appeared): the next scan takes it as a file.
		if (listing.accepted) return;
		try {
			await this.options.onListing(listing);
			this.#skipped.add(path);
		} catch (error) {
			this.#problem(`ingesting ${basename(path)} failed; will retry`, error);
		}
	}

	#watchFolder(ino: number): void {
		if (this.#fsWatcher && this.#watchedIno === ino) return;
		this.#fsWatcher?.close();
		this.#fsWatcher = undefined;
		try {
			const fsWatcher = watch(this.dir, () => this.#poke());
			fsWatcher.on('error', () => {
				fsWatcher.close();
				if (this.#fsWatcher === fsWatcher) this.#fsWatcher = undefined;
			});
			this.#fsWatcher = fsWatcher;
			this.#watchedIno = ino;
			this.#standing.delete('watch');
		} catch (error) {
			this.#problem(`cannot watch ${this.dir}; new listings are found by rescans every ${this.#scanMs} ms`, error, 'watch');
		}
	}

	#dueAt(file: FileState): number {
		const wait = { nothing: this.#settleMs, part: this.#holdMs, rejected: this.#holdRejectedMs, whole: Infinity }[file.reported];
		return Math.max(file.since + wait, file.retryAt);
	}

	async #report(path: string, file: FileState): Promise<void> {
		const unchangedMs = performance.now() - file.since;
		const read = await readSettledListing(path, file.version, file.size, unchangedMs >= this.#holdMs);
		// Changed while being read: the next scan sees the new version and lets it settle.
		if (!read) return;
		const rejectedNow = read.rejected && unchangedMs >= this.#holdRejectedMs ? read.rejected : undefined;
		const listing = read.listing ?? rejectedNow;
		const heldBack = read.heldBack && !rejectedNow;
		if (listing) {
			try {
				await this.options.onListing(listing);
			} catch (error) {
				const delay = Math.min(this.#scanMs * 2 ** file.failures++, MAX_RETRY_MS);
				file.retryAt = performance.now() + delay;
				return this.#problem(`ingesting ${basename(path)} failed; will retry in ${Math.round(delay / 1000)} s`, error);
			}
		}
		file.reported = !heldBack ? 'whole' : read.rejected ? 'rejected' : 'part';
	}

	/** Reports a problem; one with a `standing` key only until that key is cleared. */
	#problem(message: string, error: unknown, standing?: string): void {
		if (standing !== undefined && this.#standing.has(standing)) return;
		if (standing !== undefined) this.#standing.add(standing);
		try {
			this.options.onProblem(message, error);
		} catch {
			// Nowhere left to report it, and a timer must not throw.
		}
	}
}
