/** Where a paper was seen: the listing file and, when the page shows one, its date line. */
export interface ListingRef {
	readonly file: string;
	readonly date?: string;
}

export interface Paper {
	/** Stable identity derived from the normalized title (see `paperIdFor`). */
	readonly id: string;
	readonly title: string;
	readonly abstract: string;
	readonly listings: readonly ListingRef[];
	/** arXiv identifier, when a source knows it. */
	readonly arxivId?: string;
	readonly url?: string;
	readonly authors?: readonly string[];
	readonly publishedAt?: string;
	/** Hugging Face upvotes, when its daily-papers feed gave them (as of its latest answer). */
	readonly upvotes?: number;
}

/** A paper as a source reports it, before the library gives it its identity. */
export type PaperDraft = Omit<Paper, 'id'>;

export type WarningSeverity = 'warning' | 'error';

/** Something a self-hoster should know about an input file; `line` is 1-based. */
export interface ParseWarning {
	readonly file: string;
	readonly line?: number;
	readonly severity: WarningSeverity;
	readonly message: string;
}

export function describeListing(ref: ListingRef): string {
	return ref.date ? `${ref.file} (${ref.date})` : ref.file;
}
