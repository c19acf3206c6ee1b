import { paperIdFor } from './normalize.ts';
import type { ListingRef, Paper, PaperDraft, ParseWarning } from './paper.ts';
import type { ParsedListing } from './parse-listing.ts';

/** The papers Paperboy knows, one per identity, each remembering every listing it appeared in. */
export class PaperLibrary {
	readonly #papers = new Map<string, Paper>();
	readonly warnings: ParseWarning[] = [];

	get size(): number {
		return this.#papers.size;
	}

	get(id: string): Paper | undefined {
		return this.#papers.get(id);
	}

	all(): IterableIterator<Paper> {
		return this.#papers.values();
	}

	/** Merges a paper seen somewhere (see `mergePaper`); returns the merged paper and whether it was new to the library. */
	add(paper: PaperDraft): { paper: Paper; isNew: boolean } {
		const id = paperIdFor(paper.title);
		const known = this.#papers.get(id);
		const merged = mergePaper(id, known, paper);
		this.#papers.set(id, merged);
		return { paper: merged, isNew: known === undefined };
	}

	/** Adds every entry of an accepted listing and keeps its warnings; returns the ids of papers it brought. */
	addListing(listing: ParsedListing): string[] {
		// One push per warning: spreading a listing's many thousands into one call overflows the stack.
		for (const warning of listing.warnings) this.warnings.push(warning);
		return listingDrafts(listing).map((draft) => this.add(draft).paper.id);
	}
}

/**
 * A paper seen somewhere, merged with what is known of it. The same title seen again adds its
 * listing; a longer abstract replaces a cut-short one; fields a source knows fill the gaps of
 * one that did not; a newer upvote count replaces an older one. `id` is the paper's (`paperIdFor` its title).
 */
export function mergePaper(id: string, known: Paper | undefined, paper: PaperDraft): Paper {
	if (!known) return { ...paper, id, listings: dedupeListings(paper.listings) };
	return {
		...paper,
		...known,
		abstract: paper.abstract.length > known.abstract.length ? paper.abstract : known.abstract,
		listings: dedupeListings([...known.listings, ...paper.listings]),
		// Upvotes only grow: the latest count a feed gives is the one to keep.
		...(paper.upvotes !== undefined ? { upvotes: paper.upvotes } : {}),
	};
}

/** The papers of a parsed listing, each remembering the listing (and its date) it came from. */
export function listingDrafts(listing: ParsedListing): PaperDraft[] {
	const ref: ListingRef = listing.date ? { file: listing.file, date: listing.date } : { file: listing.file };
	return listing.entries.map((entry) => ({ title: entry.title, abstract: entry.abstract, listings: [ref] }));
}

function dedupeListings(listings: readonly ListingRef[]): ListingRef[] {
	const seen = new Map<string, ListingRef>();
	for (const ref of listings) seen.set(`${ref.file}\u0000${ref.date ?? ''}`, ref);
	return [...seen.values()];
}
