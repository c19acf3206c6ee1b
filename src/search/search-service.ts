import type { Paper, PaperDraft } from '../papers/paper.ts';
import type { SearchOptions, SearchResponse } from './search-engine.ts';
import type { SegmentData } from './segment-writer.ts';
import type { SimilarResponse } from './similar.ts';

export interface LibraryStats {
	readonly papers: number;
	readonly listings: number;
}

/** What the bot asks of the paper library; answered off the bot's event loop (see SearchThread). */
export interface SearchService {
	search(text: string, options?: SearchOptions): Promise<SearchResponse>;
	suggest(text: string, limit?: number): Promise<Paper[]>;
	paper(id: string): Promise<Paper | undefined>;
	/** The `limit` papers most like paper `id` (default 5), each with what it shares; undefined when the library lacks it. */
	similar(id: string, limit?: number): Promise<SimilarResponse | undefined>;
	/** The papers of these ids that the library holds. */
	papers(ids: readonly string[]): Promise<Paper[]>;
	/** Every paper id, to tell which are new since the last run. */
	paperIds(): Promise<string[]>;
	/** Adds (or merges) papers that arrived while running; resolves with them as the library now holds them. */
	add(drafts: readonly PaperDraft[]): Promise<Paper[]>;
	stats(): Promise<LibraryStats>;
	close(): Promise<void>;
}

/** Messages between the bot and its search thread. */
export type SearchRequest =
	| { readonly id: number; readonly op: 'search'; readonly text: string; readonly options: SearchOptions }
	| { readonly id: number; readonly op: 'suggest'; readonly text: string; readonly limit: number }
	| { readonly id: number; readonly op: 'paper'; readonly paperId: string }
	| { readonly id: number; readonly op: 'similar'; readonly paperId: string; readonly limit: number }
	| { readonly id: number; readonly op: 'papers'; readonly paperIds: readonly string[] }
	| { readonly id: number; readonly op: 'paperIds' }
	| { readonly id: number; readonly op: 'add'; readonly drafts: readonly PaperDraft[] }
	| { readonly id: number; readonly op: 'stats' };

export type SearchReply = { readonly id: number; readonly value: unknown } | { readonly id: number; readonly error: string };

/** What a search thread starts from: the shared segment, the papers to index on top, the listing files known. */
export interface SearchThreadData {
	readonly segment: SegmentData;
	readonly pending: readonly PaperDraft[];
	readonly listings: readonly string[];
}

export interface SearchThreadReady {
	readonly ready: true;
	readonly papers: number;
}
