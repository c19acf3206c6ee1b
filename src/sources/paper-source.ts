import type { PaperDraft } from '../papers/paper.ts';

/**
 * Anything that brings new papers: the papers folder, a polled feed, and whatever comes next.
 * Start-up starts each with where its papers go (start-sources.ts) and closes them first at
 * shutdown, so that nothing arrives while the rest stops.
 */
export interface PaperSource {
	/** Names it in logs, e.g. "arXiv". */
	readonly name: string;
	/**
	 * Whether the intake must store its papers to have them after a restart: false for a source
	 * that is its own record (listing files, read again at every start).
	 */
	readonly persist: boolean;
	/**
	 * Starts it, once; a promise returned resolves when it is under way. `take` gets its papers and
	 * rejects when they were not taken: the source offers them again later rather than drop them.
	 */
	start(take: (drafts: PaperDraft[]) => Promise<void>): void | Promise<void>;
	/** Stops it; resolves once nothing it started is left running. */
	close(): Promise<void>;
}
