import type Keyv from 'keyv';
import type { Logger } from '../logger.ts';
import type { Paper, PaperDraft } from '../papers/paper.ts';
import type { SearchService } from '../search/search-service.ts';
import { KeyedLock } from '../storage/keyed-lock.ts';
import type { Storage } from '../storage/storage.ts';
import type { Subscriptions } from '../subscriptions/subscriptions.ts';
import type { QueuedPost } from './delivery-ledger.ts';
import type { Deliverer } from './deliverer.ts';
import type { SeenPapers } from './seen-papers.ts';

export interface PaperIntakeOptions {
	readonly search: SearchService;
	readonly seen: SeenPapers;
	readonly subscriptions: Subscriptions;
	readonly deliverer: Deliverer;
	readonly storage: Storage;
	readonly logger: Logger;
	/** Whether this process leads: every process keeps its index current, only the leader posts. */
	readonly isLeader: () => boolean;
}

export interface IntakeReport {
	readonly papers: number;
	readonly fresh: number;
	readonly posts: number;
}

/**
 * Where new papers come in, from any source: into the search index, then, the first time a
 * paper is seen, matched against every channel's topics and queued for delivery.
 */
export class PaperIntake {
	readonly #lock = new KeyedLock();
	readonly #stored: Keyv<PaperDraft>;

	private readonly options: PaperIntakeOptions;
	constructor(options: PaperIntakeOptions) {
		this.options = options;
		this.#stored = options.storage.namespace('papers');
	}

	/** Brings back into the index the papers only a network source had (the papers folder holds the rest). */
	async loadStored(): Promise<number> {
		const stored: PaperDraft[] = [];
		for await (const [, draft] of this.#stored.iterator!(undefined)) stored.push(draft as PaperDraft);
		if (stored.length > 0) await this.options.search.add(stored);
		return stored.length;
	}

	/**
	 * Settles, on becoming the leader, what is new since papers were last considered; at the
	 * very first start everything present is the baseline, and nothing is posted for it.
	 */
	async catchUp(): Promise<IntakeReport> {
		const { search, seen, logger } = this.options;
		const ids = await search.paperIds();
		if (!(await seen.baseline())) {
			await seen.setBaseline(ids);
			logger.info(
				{ event: 'papers_baseline', papers: ids.length },
				'first start: the papers present now are the baseline; only papers that arrive from now on are posted',
			);
			return { papers: ids.length, fresh: 0, posts: 0 };
		}
		const unseen = await seen.unseen(ids);
		return this.#lock.run('intake', () => this.#consider(ids.length, unseen.length > 0 ? search.papers(unseen) : Promise.resolve([])));
	}

	/**
	 * Takes papers from a source. Papers only a network source knows are stored first, so they
	 * survive a restart; `persist` is false for listing files, which are their own record.
	 */
	ingest(drafts: readonly PaperDraft[], persist: boolean): Promise<IntakeReport> {
		return this.#lock.run('intake', async () => {
			if (drafts.length === 0) return { papers: 0, fresh: 0, posts: 0 };
			const papers = await this.options.search.add(drafts);
			if (persist) await this.#stored.setMany(papers.map((paper) => ({ key: paper.id, value: withoutId(paper) })));
			// Another process leads: it takes these papers in from its own copy of the folder or feed.
			if (!this.options.isLeader()) return { papers: papers.length, fresh: 0, posts: 0 };
			const unseen = new Set(await this.options.seen.unseen(papers.map((paper) => paper.id)));
			return this.#consider(papers.length, Promise.resolve(papers.filter((paper) => unseen.has(paper.id))));
		});
	}

	async #consider(total: number, freshPapers: Promise<Paper[]>): Promise<IntakeReport> {
		const fresh = await freshPapers;
		// Subscriptions may have changed in another process sharing the store.
		if (fresh.length > 0) await this.options.subscriptions.refresh();
		const queuedAt = new Date().toISOString();
		const matches = new Map<string, QueuedPost[]>();
		for (const [channelId, posts] of this.options.subscriptions.matchChannels(fresh)) {
			matches.set(
				channelId,
				posts.map(({ paper, topics, strength }) => ({ paperId: paper.id, topics, queuedAt, strength })),
			);
		}
		// Queued before marked seen: a crash in between only means matching them again.
		const posts = await this.options.deliverer.enqueue(matches);
		await this.options.seen.markSeen(fresh.map((paper) => paper.id));
		if (fresh.length > 0)
			this.options.logger.info({ event: 'papers_arrived', papers: total, new: fresh.length, channels: matches.size, posts }, 'new papers');
		return { papers: total, fresh: fresh.length, posts };
	}
}

function withoutId({ id: _id, ...draft }: Paper): PaperDraft {
	return draft;
}
