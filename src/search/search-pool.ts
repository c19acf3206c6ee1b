import type { Paper, PaperDraft } from '../papers/paper.ts';
import type { SearchOptions, SearchResponse } from './search-engine.ts';
import type { LibraryStats, SearchService, SearchThreadData } from './search-service.ts';
import { SearchThread } from './search-thread.ts';
import type { SimilarResponse } from './similar.ts';

/**
 * Several search threads over one shared segment, each indexing the papers added since on
 * top of it; a request goes to the least busy. A slow query (a long typo'd title) then holds
 * up one thread, not every search, and more threads cost little memory.
 */
export class SearchPool implements SearchService {
	#closed = false;
	/** Papers added on top of the segment since start; a replacement thread indexes them again. */
	readonly #added: PaperDraft[];

	private readonly threads: SearchThread[];
	private readonly start: SearchThreadData;
	private readonly onThreadFailure: (error: Error) => void;
	private constructor(threads: SearchThread[], start: SearchThreadData, onThreadFailure: (error: Error) => void) {
		this.threads = threads;
		this.start = start;
		this.onThreadFailure = onThreadFailure;
		this.#added = [...start.pending];
		threads.forEach((_, i) => this.#watch(i));
	}

	/**
	 * Starts `size` threads, which load while `data` is still being read; `onThreadFailure` hears
	 * of every thread that stops and is replaced.
	 */
	static async start(
		data: SearchThreadData | Promise<SearchThreadData>,
		size: number,
		onThreadFailure: (error: Error) => void = () => {},
	): Promise<{ search: SearchPool; papers: number }> {
		const started = await Promise.all(Array.from({ length: size }, () => SearchThread.start(data)));
		const [{ ready }] = started as [(typeof started)[number]];
		return {
			search: new SearchPool(
				started.map(({ search }) => search),
				await data,
				onThreadFailure,
			),
			papers: ready.papers,
		};
	}

	/** Every paper added on top of the segment since it was built, in order. */
	get added(): readonly PaperDraft[] {
		return this.#added;
	}

	/** A thread that stops (a crash, running out of memory) is replaced; the others serve meanwhile. */
	#watch(i: number): void {
		void this.threads[i]!.stopped.then(async (reason) => {
			if (this.#closed) return;
			this.onThreadFailure(reason);
			try {
				const { search } = await SearchThread.start({ ...this.start, pending: this.#added });
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

	similar(id: string, limit?: number): Promise<SimilarResponse | undefined> {
		return this.#leastBusy().similar(id, limit);
	}

	papers(ids: readonly string[]): Promise<Paper[]> {
		return this.#leastBusy().papers(ids);
	}

	paperIds(): Promise<string[]> {
		return this.#leastBusy().paperIds();
	}

	/** Every thread indexes its own copy of the papers added, so each one adds them. */
	async add(drafts: readonly PaperDraft[]): Promise<Paper[]> {
		// One by one: spreading a 150k-entry listing into push() would overflow the stack.
		for (const draft of drafts) this.#added.push(draft);
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
