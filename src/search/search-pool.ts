import type { Paper, PaperDraft, ParseWarning } from '../papers/paper.js';
import type { SearchOptions, SearchResponse } from './search-engine.js';
import type { LibraryStats, SearchService } from './search-service.js';
import { SearchThread } from './search-thread.js';

/**
 * Several search threads, each with its own copy of the index; a request goes to the least busy.
 * A slow query (a long typo'd title at 100k papers) then holds up one thread, not every search.
 */
export class SearchPool implements SearchService {
	#closed = false;
	/** Papers that arrived after start; a replacement thread loads the folder and then these. */
	readonly #added: PaperDraft[] = [];

	private constructor(
		private readonly threads: SearchThread[],
		private readonly papersDir: string,
		private readonly onThreadFailure: (error: Error) => void,
	) {
		threads.forEach((_, i) => this.#watch(i));
	}

	/** Starts `size` threads; `onThreadFailure` hears of every thread that stops and is replaced. */
	static async start(
		papersDir: string,
		size: number,
		onThreadFailure: (error: Error) => void = () => {},
	): Promise<{ search: SearchPool; papers: number; warnings: readonly ParseWarning[] }> {
		const started = await Promise.all(Array.from({ length: size }, () => SearchThread.start(papersDir)));
		const [{ ready }] = started as [(typeof started)[number]];
		const pool = new SearchPool(started.map(({ search }) => search), papersDir, onThreadFailure);
		return { search: pool, papers: ready.papers, warnings: ready.warnings };
	}

	/** A thread that stops (a crash, running out of memory) is replaced; the others serve meanwhile. */
	#watch(i: number): void {
		void this.threads[i]!.stopped.then(async (reason) => {
			if (this.#closed) return;
			this.onThreadFailure(reason);
			try {
				const { search } = await SearchThread.start(this.papersDir);
				if (this.#added.length > 0) await search.add(this.#added);
				if (this.#closed) await search.close();
				else {
					this.threads[i] = search;
					this.#watch(i);
				}
			} catch (error) {
				this.onThreadFailure(error as Error);
			}
		});
	}

	#leastBusy(): SearchThread {
		const live = this.threads.filter((thread) => !thread.failed);
		// With no thread alive any request fails at once, with the reason the last one stopped.
		return (live.length > 0 ? live : this.threads).reduce((best, thread) => (thread.pending < best.pending ? thread : best));
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

	papers(ids: readonly string[]): Promise<Paper[]> {
		return this.#leastBusy().papers(ids);
	}

	paperIds(): Promise<string[]> {
		return this.#leastBusy().paperIds();
	}

	/** Every thread holds its own copy of the library, so each one adds the papers. */
	async add(drafts: readonly PaperDraft[]): Promise<Paper[]> {
		this.#added.push(...drafts);
		const [merged] = await Promise.all(this.threads.filter((thread) => !thread.failed).map((thread) => thread.add(drafts)));
		return merged ?? [];
	}

	stats(): Promise<LibraryStats> {
		return this.#leastBusy().stats();
	}

	async close(): Promise<void> {
		this.#closed = true;
		await Promise.all(this.threads.map((thread) => thread.close()));
	}
}
