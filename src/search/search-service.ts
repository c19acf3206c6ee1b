import type { Paper, ParseWarning } from '../papers/paper.js';
import type { SearchOptions, SearchResponse } from './search-engine.js';

export interface LibraryStats {
	readonly papers: number;
	readonly listings: number;
}

/** What the bot asks of the paper library; answered off the bot's event loop (see SearchThread). */
export interface SearchService {
	search(text: string, options?: SearchOptions): Promise<SearchResponse>;
	suggest(text: string, limit?: number): Promise<Paper[]>;
	paper(id: string): Promise<Paper | undefined>;
	stats(): Promise<LibraryStats>;
	close(): Promise<void>;
}

/** Messages between the bot and its search thread. */
export type SearchRequest =
	| { readonly id: number; readonly op: 'search'; readonly text: string; readonly options: SearchOptions }
	| { readonly id: number; readonly op: 'suggest'; readonly text: string; readonly limit: number }
	| { readonly id: number; readonly op: 'paper'; readonly paperId: string }
	| { readonly id: number; readonly op: 'stats' };

export type SearchReply = { readonly id: number; readonly value: unknown } | { readonly id: number; readonly error: string };

export interface SearchThreadReady {
	readonly ready: true;
	readonly papers: number;
	readonly warnings: readonly ParseWarning[];
}
