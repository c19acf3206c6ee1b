import { randomUUID } from 'node:crypto';
import type Keyv from 'keyv';
import type { Paper } from '../papers/paper.ts';
import { KeyedLock } from '../storage/keyed-lock.ts';
import type { Storage } from '../storage/storage.ts';

export const MAX_SAVED_PAPERS = 500;

/**
 * A saved paper keeps what a citation or an export needs, so the list still exports after the
 * paper has left the library; the abstract, the bulk of a paper, is left out.
 */
export type SavedPaper = Omit<Paper, 'abstract'> & { readonly savedAt: string };

/** One member's list, stored under their user id, newest first: showing or exporting it is one read. */
export interface ReadingList {
	readonly userId: string;
	readonly papers: readonly SavedPaper[];
}

/** What a save did with each paper asked for; `refused` did not fit under the cap. */
export interface SaveOutcome {
	readonly saved: readonly SavedPaper[];
	readonly alreadySaved: readonly SavedPaper[];
	readonly refused: readonly Paper[];
	readonly total: number;
}

export interface ReadingListPage {
	readonly papers: readonly SavedPaper[];
	/** The page shown, from 0: the last one when the one asked for is past the end (papers were removed). */
	readonly index: number;
	readonly total: number;
}

/** How long one change may hold a member's list on a shared store, and how long others wait for it. */
const HOLD_MS = 10_000;
const WAIT_MS = 15_000;
const RETRY_MS = 25;

/**
 * Members' private reading lists. Each change reads, changes and writes the member's one record
 * under a lock: a KeyedLock within this process and, on a store other processes share, a lease
 * on the member's list, so two shards saving for one member at once never lose a paper.
 */
export class ReadingLists {
	readonly #lock = new KeyedLock();
	readonly #records: Keyv<ReadingList>;
	readonly #storage: Storage;

	constructor(storage: Storage) {
		this.#storage = storage;
		this.#records = storage.namespace<ReadingList>('reading-lists');
	}

	async list(userId: string): Promise<readonly SavedPaper[]> {
		return (await this.#records.get(userId))?.papers ?? [];
	}

	async page(userId: string, index: number, size: number): Promise<ReadingListPage> {
		const papers = await this.list(userId);
		const last = Math.max(0, Math.ceil(papers.length / size) - 1);
		// A page number from an old button may be anything: past the end shows the last page, nonsense the first.
		const shown = Number.isInteger(index) ? Math.min(Math.max(0, index), last) : 0;
		return { papers: papers.slice(shown * size, (shown + 1) * size), index: shown, total: papers.length };
	}

	/** Saves papers the member does not have yet, newest first, as many as fit under the cap. */
	async save(userId: string, papers: readonly Paper[], now = new Date()): Promise<SaveOutcome> {
		let outcome: SaveOutcome | undefined;
		await this.#update(userId, (list) => {
			const held = new Map(list.map((saved) => [saved.id, saved]));
			const saved: SavedPaper[] = [];
			const alreadySaved: SavedPaper[] = [];
			const refused: Paper[] = [];
			for (const paper of papers) {
				const known = held.get(paper.id);
				if (known) alreadySaved.push(known);
				else if (held.size >= MAX_SAVED_PAPERS) refused.push(paper);
				else {
					const { abstract, ...kept } = paper;
					const entry = { ...kept, savedAt: now.toISOString() };
					held.set(paper.id, entry);
					saved.push(entry);
				}
			}
			// The last asked for comes first, as if each had been saved in turn.
			const next = [...saved.toReversed(), ...list];
			outcome = { saved, alreadySaved, refused, total: next.length };
			return next;
		});
		return outcome!;
	}

	/** Takes papers off the member's list; returns the ones that were on it. */
	async remove(userId: string, paperIds: readonly string[]): Promise<SavedPaper[]> {
		const removing = new Set(paperIds);
		let removed: SavedPaper[] = [];
		await this.#update(userId, (list) => {
			removed = list.filter((saved) => removing.has(saved.id));
			return list.filter((saved) => !removing.has(saved.id));
		});
		return removed;
	}

	#update(userId: string, change: (papers: readonly SavedPaper[]) => readonly SavedPaper[]): Promise<void> {
		return this.#lock.run(userId, () =>
			this.#holding(userId, async () => {
				const current = await this.list(userId);
				const next = change(current);
				if (next.length === 0) await this.#records.delete(userId);
				else if (next !== current) await this.#records.set(userId, { userId, papers: next });
			}),
		);
	}

	/** Runs `task` holding the member's lease; alone on its store a process always holds it at once. */
	async #holding(userId: string, task: () => Promise<void>): Promise<void> {
		const lease = this.#storage.lease(`reading-list:${userId}`);
		const owner = randomUUID();
		const giveUpAt = Date.now() + WAIT_MS;
		while (!(await lease.acquire(owner, HOLD_MS))) {
			if (Date.now() > giveUpAt) throw new Error(`the reading list of ${userId} stayed locked for ${WAIT_MS} ms`);
			await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
		}
		try {
			await task();
		} finally {
			await lease.release(owner);
		}
	}
}
