import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { Paper, PaperDraft } from '../papers/paper.ts';
import type { SearchOptions, SearchResponse } from './search-engine.ts';
import type { SimilarResponse } from './similar.ts';
import type { LibraryStats, SearchReply, SearchRequest, SearchService, SearchThreadData, SearchThreadReady } from './search-service.ts';

const ENTRY = new URL('./search-worker.ts', import.meta.url);

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type RequestBody = SearchRequest extends infer R ? (R extends SearchRequest ? Omit<R, 'id'> : never) : never;

/** The bot's side of the search thread: requests go out as messages, answers come back as promises. */
export class SearchThread implements SearchService {
	readonly #pending = new Map<number, Pending>();
	#nextId = 0;
	#failure: Error | undefined;
	readonly #stopped: Promise<Error>;

	private readonly worker: Worker;
	private constructor(worker: Worker) {
		this.worker = worker;
		let stopped!: (error: Error) => void;
		this.#stopped = new Promise((resolve) => (stopped = resolve));
		worker.on('message', (reply: SearchReply) => {
			const pending = this.#pending.get(reply.id);
			this.#pending.delete(reply.id);
			if ('error' in reply) pending?.reject(new Error(`search failed: ${reply.error}`));
			else pending?.resolve(reply.value);
		});
		const fail = (error: Error) => {
			this.#failure ??= error;
			stopped(this.#failure);
			for (const { reject } of this.#pending.values()) reject(error);
			this.#pending.clear();
		};
		worker.on('error', fail);
		worker.on('exit', (code) => fail(new Error(`the search thread stopped (exit code ${code})`)));
	}

	/**
	 * Starts the thread; resolves once it searches the segment, with the pending papers indexed
	 * on top. The thread loads its code while `data` is still on its way (the snapshot being read).
	 */
	static async start(data: SearchThreadData | Promise<SearchThreadData>): Promise<{ search: SearchThread; ready: SearchThreadReady }> {
		const worker = new Worker(ENTRY);
		const failed = once(worker, 'error').then(([error]) => Promise.reject(error as Error));
		failed.catch(() => {});
		try {
			worker.postMessage(await data);
		} catch (error) {
			await worker.terminate();
			throw error;
		}
		const [ready] = (await Promise.race([once(worker, 'message'), failed])) as [SearchThreadReady];
		return { search: new SearchThread(worker), ready };
	}

	/** Resolves with the reason once the thread can answer no more (crashed, exited or closed). */
	get stopped(): Promise<Error> {
		return this.#stopped;
	}

	get failed(): boolean {
		return this.#failure !== undefined;
	}

	/** Requests sent and not answered yet: how busy the thread is. */
	get pending(): number {
		return this.#pending.size;
	}

	#call<T>(body: RequestBody): Promise<T> {
		if (this.#failure) return Promise.reject(this.#failure);
		const id = this.#nextId++;
		return new Promise<T>((resolve, reject) => {
			this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
			this.worker.postMessage({ ...body, id });
		});
	}

	search(text: string, options: SearchOptions = {}): Promise<SearchResponse> {
		return this.#call({ op: 'search', text, options });
	}

	suggest(text: string, limit = 25): Promise<Paper[]> {
		return this.#call({ op: 'suggest', text, limit });
	}

	paper(paperId: string): Promise<Paper | undefined> {
		return this.#call({ op: 'paper', paperId });
	}

	similar(paperId: string, limit = 5): Promise<SimilarResponse | undefined> {
		return this.#call({ op: 'similar', paperId, limit });
	}

	papers(paperIds: readonly string[]): Promise<Paper[]> {
		return this.#call({ op: 'papers', paperIds });
	}

	paperIds(): Promise<string[]> {
		return this.#call({ op: 'paperIds' });
	}

	add(drafts: readonly PaperDraft[]): Promise<Paper[]> {
		return this.#call({ op: 'add', drafts });
	}

	stats(): Promise<LibraryStats> {
		return this.#call({ op: 'stats' });
	}

	async close(): Promise<void> {
		this.#failure ??= new Error('the search thread was closed');
		await this.worker.terminate();
	}
}
