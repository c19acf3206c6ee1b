import type { Logger } from '../logger.ts';
import { listingDrafts } from '../papers/library.ts';
import type { PaperDraft } from '../papers/paper.ts';
import type { ParsedListing } from '../papers/parse-listing.ts';
import { watchListings, type ListingWatcher } from './listing-watcher.ts';
import type { PaperSource } from './paper-source.ts';

/**
 * The papers folder as a source: the listings written to it once it is watched (see
 * `watchListings`), with each warning of theirs logged once.
 */
export class PapersFolder implements PaperSource {
	readonly name = 'papers folder';
	readonly persist = false;
	/** A file that grows is read again whole; each of its warnings is logged once, not at every read. */
	readonly #logged = new Map<string, Set<string>>();
	#watcher: ListingWatcher | undefined;

	private readonly dir: string;
	private readonly logger: Logger;
	constructor(dir: string, logger: Logger) {
		this.dir = dir;
		// Tagged as the feeds tag theirs, so a log line says which source it is about.
		this.logger = logger.child({ source: this.name });
	}

	async start(take: (drafts: PaperDraft[]) => Promise<void>): Promise<void> {
		this.#watcher = await watchListings(this.dir, {
			onListing: async (listing) => {
				this.#logWarnings(listing);
				if (listing.accepted) await take(listingDrafts(listing));
			},
			onProblem: (message, error) => this.logger.warn({ event: 'papers_folder_problem', err: error, dir: this.dir }, message),
		});
	}

	async close(): Promise<void> {
		await this.#watcher?.close();
	}

	#logWarnings(listing: ParsedListing): void {
		const seen = this.#logged.get(listing.file) ?? new Set<string>();
		this.#logged.set(listing.file, seen);
		for (const warning of listing.warnings) {
			const key = `${warning.line}:${warning.message}`;
			if (seen.has(key)) continue;
			seen.add(key);
			this.logger.warn({ event: 'listing_warning', file: warning.file, line: warning.line }, warning.message);
		}
	}
}
