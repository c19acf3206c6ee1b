import type { PaperDraft } from '../papers/paper.ts';
import { compactAway } from './index-away.ts';
import type { SnapshotManifest } from './snapshot.ts';

export interface SnapshotKeeperOptions {
	/** The papers added on top of the segment so far (the search pool's list, which grows). */
	readonly added: () => readonly PaperDraft[];
	readonly manifest: SnapshotManifest;
	readonly path: string;
	/** How many added papers are worth a new snapshot: below it, the next start indexes them quickly itself. */
	readonly threshold: number;
	readonly checkEveryMs: number;
	readonly onSaved: (papers: number, ms: number) => void;
	readonly onProblem: (error: Error) => void;
}

/**
 * Keeps the snapshot close to the live index: once enough papers have arrived (listings,
 * feeds), a background process saves the snapshot with them merged in, so the next start loads
 * them instead of parsing and indexing them again.
 */
export class SnapshotKeeper {
	readonly #timer: NodeJS.Timeout;
	readonly #abort = new AbortController();
	#saved = 0;
	#running: Promise<void> | undefined;

	private readonly options: SnapshotKeeperOptions;
	constructor(options: SnapshotKeeperOptions) {
		this.options = options;
		this.#timer = setInterval(() => this.check(), options.checkEveryMs);
		this.#timer.unref();
	}

	/** Starts a save when enough papers arrived since the last one and none is under way. */
	check(): void {
		const added = this.options.added();
		if (this.#running || added.length - this.#saved < this.options.threshold) return;
		const count = added.length;
		const started = performance.now();
		this.#running = compactAway({ added: added.slice(), manifest: this.options.manifest, path: this.options.path }, this.#abort.signal)
			.then((papers) => {
				this.#saved = count;
				this.options.onSaved(papers, Math.round(performance.now() - started));
			})
			.catch((error: unknown) => {
				// Tried again once more papers arrive, not every minute: the cause (a full disk, a deleted snapshot) rarely passes that fast.
				this.#saved = count;
				if (!this.#abort.signal.aborted) this.options.onProblem(error as Error);
			})
			.finally(() => (this.#running = undefined));
	}

	/** Stops; a save under way is abandoned (the old snapshot stays whole). */
	async close(): Promise<void> {
		clearInterval(this.#timer);
		this.#abort.abort();
		await this.#running;
	}
}
