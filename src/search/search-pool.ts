import type { Paper, ParseWarning } from '../papers/paper.js';
import type { SearchOptions, SearchResponse } from './search-engine.js';
import type { LibraryStats, SearchService } from './search-service.js';
import { SearchThread } from './search-thread.js';

/**
 * Several search threads, each with its own copy of the index; a request goes to the least busy.
 * A slow query (a long typo'd title at 100k papers) then holds up one thread, not every search.
 */
export class SearchPool implements SearchService {
	private constructor(private readonly threads: readonly SearchThread[]) {}

	static async start(papersDir: string, size: number): Promise<{ search: SearchPool; papers: number; warnings: readonly ParseWarning[] }> {
		const started = await Promise.all(Array.from({ length: size }, () => SearchThread.start(papersDir)));
		const [{ ready }] = started as [(typeof started)[number]];
		return { search: new SearchPool(started.map(({ search }) => search)), papers: ready.papers, warnings: ready.warnings };
	}

	#leastBusy(): SearchThread {
		return this.threads.reduce((best, thread) => (thread.pending < best.pending ? thread : best));
	}

	search(text: string, options?: SearchOptions): Promise<SearchResponse> {
		return this.#leastBusy().search(text, options);
	}

	suggest(text: string, limit?: number): Promise<Paper[]> {
		return this.#leastBusy().suggest(text, limit);
	}

	paper(id: string): Promise<Paper | undefined> {
		return this.#leastBusy().paper(id);
	}

	stats(): Promise<LibraryStats> {
		return this.#leastBusy().stats();
	}

	async close(): Promise<void> {
		await Promise.all(this.threads.map((thread) => thread.close()));
	}
}
