import type { Logger } from '../logger.ts';
import type { DeliveryQueueState, Metrics } from '../metrics/metrics.ts';
import type { Paper } from '../papers/paper.ts';
import { StoreFailure } from '../storage/store-failure.ts';
import type { Subscriptions } from '../subscriptions/subscriptions.ts';
import { strongestFirst, summarize } from './digest-contents.ts';
import { dueDigest } from './digest-schedule.ts';
import {
	MAX_EMBEDS_PER_MESSAGE,
	newNonce,
	type Batch,
	type ChannelDelivery,
	type DeliveryLedger,
	type QueuedPost,
} from './delivery-ledger.ts';
import { DeliveryError, type PaperPost, type PostSink } from './post-sink.ts';
import { Retries } from './retries.ts';
import { Slots } from './slots.ts';

export interface DelivererOptions {
	readonly ledger: DeliveryLedger;
	readonly subscriptions: Subscriptions;
	readonly papers: (ids: readonly string[]) => Promise<Paper[]>;
	readonly sink: PostSink;
	readonly logger: Logger;
	readonly now?: () => Date;
	/** Channels posted to at once; a slow or rate-limited channel holds up only its own slot. */
	readonly concurrency?: number;
	/** How often due digests and failed channels are looked at again. */
	readonly tickMs?: number;
	readonly retryMs?: number;
	/** Counts what became of each message tried. */
	readonly metrics?: Pick<Metrics, 'countPost'>;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
	return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/**
 * Posts queued papers to their channels, each exactly once: a batch is written down with its
 * nonce before it is sent and marked delivered after, and a batch found half-done after a crash
 * is looked for in the channel before it is sent again (with the same nonce).
 */
export class Deliverer {
	readonly #running = new Map<string, Promise<void>>();
	readonly #again = new Set<string>();
	readonly #retries: Retries;
	readonly #slots: Slots;
	#ticker: NodeJS.Timeout | undefined;
	// Closed until started: only the leader posts; elsewhere queued posts wait for it.
	#closed = true;

	private readonly options: DelivererOptions;
	constructor(options: DelivererOptions) {
		this.options = options;
		this.#slots = new Slots(options.concurrency ?? 16);
		this.#retries = new Retries(options.retryMs ?? 5_000);
	}

	get #now(): Date {
		return this.options.now?.() ?? new Date();
	}

	/** Finishes what a previous run (or leader) left, then keeps an eye on digests, retries and queues filled elsewhere. */
	async start(): Promise<void> {
		this.#closed = false;
		await this.#sweep();
		this.#ticker = setInterval(
			() =>
				void this.#sweep().catch((error: unknown) =>
					this.options.logger.error({ event: 'delivery_sweep_failed', err: error }, 'could not look for waiting posts'),
				),
			this.options.tickMs ?? 30_000,
		);
		this.#ticker.unref();
	}

	async #sweep(): Promise<void> {
		for await (const channelId of this.options.ledger.waiting()) if (!this.#retries.isWaiting(channelId)) this.kick(channelId);
	}

	/** Queues matched papers (persisted before this resolves) and starts posting them. */
	async enqueue(matches: ReadonlyMap<string, readonly QueuedPost[]>): Promise<number> {
		let queued = 0;
		for (const [channelId, posts] of matches) queued += await this.options.ledger.enqueue(channelId, posts);
		for (const channelId of matches.keys()) this.kick(channelId);
		return queued;
	}

	/** Looks at a channel's queue soon; calls while it is being worked on fold into one more pass. */
	kick(channelId: string): void {
		if (this.#closed) return;
		if (this.#running.has(channelId)) {
			this.#again.add(channelId);
			return;
		}
		const run = this.#slots
			.run(() => this.#drain(channelId))
			.then(
				() => this.#retries.succeeded(channelId),
				(error: unknown) => this.#failed(channelId, error),
			)
			.finally(() => {
				this.#running.delete(channelId);
				if (this.#again.delete(channelId)) this.kick(channelId);
			});
		this.#running.set(channelId, run);
	}

	/** Posts waiting, by state; nothing while this process does not deliver (another leads). */
	queueSizes(): Record<DeliveryQueueState, number> {
		const sizes = { queued: 0, sending: 0, retrying: 0, paused: 0 };
		if (this.#closed) return sizes;
		for (const [channelId, { queued, batched, paused }] of this.options.ledger.sizes()) {
			if (paused) sizes.paused += queued + batched;
			else if (this.#retries.isWaiting(channelId)) sizes.retrying += queued + batched;
			else {
				sizes.queued += queued;
				sizes.sending += batched;
			}
		}
		return sizes;
	}

	/** Resolves once no channel is being posted to. */
	async idle(): Promise<void> {
		while (this.#running.size > 0) await Promise.all(this.#running.values());
	}

	async resume(channelId: string): Promise<void> {
		await this.options.ledger.update(channelId, ({ paused: _paused, ...delivery }) => delivery);
		this.#retries.cancel(channelId);
		this.kick(channelId);
	}

	/** Stops posting (shut-down, or leadership lost); `start` picks up again. */
	async close(): Promise<void> {
		this.#closed = true;
		clearInterval(this.#ticker);
		this.#retries.cancelAll();
		await this.idle();
	}

	async #drain(channelId: string): Promise<void> {
		while (!this.#closed) {
			const delivery = await this.options.ledger.get(channelId);
			if (!delivery || delivery.paused) return;
			const batch = delivery.batches[0] ?? (await this.#formBatches(channelId, delivery));
			if (!batch) return;
			await this.#send(channelId, batch);
		}
	}

	/** Turns queued posts into messages: at once for instant channels, at digest time for daily and weekly ones. */
	async #formBatches(channelId: string, delivery: ChannelDelivery): Promise<Batch | undefined> {
		if (delivery.queued.length === 0) return undefined;
		const digestMode = (await this.options.subscriptions.get(channelId))?.digest ?? { mode: 'instant' };
		const now = this.#now;
		const due = dueDigest(digestMode, delivery.lastDigestAt, now);
		if (digestMode.mode !== 'instant' && !due) return undefined;
		// A digest holds what had arrived by its hour; what came later waits for the next one.
		const cutoff = due?.toISOString();
		const period = digestMode.mode === 'instant' ? undefined : digestMode.mode;
		const upvotes = due
			? new Map((await this.options.papers(delivery.queued.map((post) => post.paperId))).map((p) => [p.id, p.upvotes]))
			: undefined;
		const next = await this.options.ledger.update(channelId, (current) => {
			const taken = cutoff ? current.queued.filter((post) => post.queuedAt <= cutoff) : current.queued;
			if (taken.length === 0) return current;
			const digest = due && { period, date: due.toISOString(), summary: summarize(taken) };
			const parts = chunk(upvotes ? strongestFirst(taken, upvotes) : taken, MAX_EMBEDS_PER_MESSAGE);
			const batches = parts.map((posts, i): Batch => ({
				nonce: newNonce(),
				posts,
				...(digest ? { digest: { ...digest, part: i + 1, parts: parts.length } } : {}),
			}));
			const left = current.queued.filter((post) => !taken.includes(post));
			return { ...current, queued: left, batches: [...current.batches, ...batches], ...(due ? { lastDigestAt: now.toISOString() } : {}) };
		});
		return next.batches[0];
	}

	async #send(channelId: string, batch: Batch): Promise<void> {
		const { ledger, sink, logger, metrics } = this.options;
		const papers = new Map((await this.options.papers(batch.posts.map((post) => post.paperId))).map((paper) => [paper.id, paper]));
		const items = batch.posts.flatMap((post) => {
			const paper = papers.get(post.paperId);
			return paper ? [{ paper, topics: post.topics }] : [];
		});
		const post: PaperPost = { channelId, items, ...(batch.digest ? { digest: batch.digest } : {}) };
		if (items.length < batch.posts.length)
			logger.warn(
				{ event: 'delivery_papers_missing', channel: channelId, missing: batch.posts.length - items.length },
				'papers left the library before they were posted; skipped',
			);
		if (items.length > 0) {
			if (batch.attemptedAt && (await sink.isPosted(post, new Date(batch.attemptedAt)))) {
				logger.info(
					{ event: 'delivery_already_posted', channel: channelId, papers: items.length },
					'a post tried earlier (before a restart or a failed attempt) is already in the channel; not sending it again',
				);
				metrics?.countPost('already_posted');
			} else {
				if (batch.attemptedAt)
					logger.info(
						{ event: 'delivery_resent', channel: channelId, papers: items.length },
						'a post tried earlier is not in the channel; sending it again with the same nonce',
					);
				else {
					const attemptedAt = this.#now.toISOString();
					await ledger.update(channelId, (d) => ({
						...d,
						batches: d.batches.map((b) => (b.nonce === batch.nonce ? { ...b, attemptedAt } : b)),
					}));
				}
				// Stopped meanwhile (leadership lost: a leader cut off from the store may hear back minutes
				// later, past Discord's nonce memory): the batch is the next leader's, which looks for it first.
				if (this.#closed) return;
				try {
					await sink.post(post, batch.nonce);
					metrics?.countPost('posted');
				} catch (error) {
					if (!(error instanceof DeliveryError && error.kind === 'rejected')) throw error;
					metrics?.countPost('rejected');
					logger.error(
						{ event: 'delivery_rejected', err: error, channel: channelId, papers: batch.posts.map((p) => p.paperId) },
						"Discord refused this post as malformed; dropping it so the channel's other posts can go",
					);
					await ledger.update(channelId, (d) => ({ ...d, batches: d.batches.filter((b) => b.nonce !== batch.nonce) }));
					return;
				}
			}
		}
		await ledger.complete(channelId, batch, this.#now);
	}

	async #failed(channelId: string, error: unknown): Promise<void> {
		const { logger, ledger } = this.options;
		const pauses = error instanceof DeliveryError && error.kind !== 'transient';
		this.options.metrics?.countPost(pauses ? 'paused' : 'failed');
		if (pauses) {
			await ledger
				.update(channelId, (delivery) => ({ ...delivery, paused: { reason: error.kind, since: this.#now.toISOString() } }))
				.catch((storeError: unknown) =>
					logger.error({ event: 'delivery_pause_not_saved', err: storeError, channel: channelId }, 'could not record a paused channel'),
				);
			logger.warn(
				{ event: 'delivery_paused', channel: channelId, reason: error.message },
				'posting to this channel is paused until someone fixes it and runs /channel resume',
			);
			return;
		}
		const { failures, delayMs } = this.#retries.schedule(channelId, () => this.kick(channelId));
		// The store failing is not Discord failing: a line of its own, saying which store and what to do.
		if (error instanceof StoreFailure)
			logger.error(
				{
					event: 'store_failed',
					store: error.store.location,
					code: error.code,
					err: error,
					channel: channelId,
					failures,
					retryInMs: delayMs,
				},
				`posting to this channel waits for the store, and resumes by itself once it works: ${error.message}`,
			);
		else
			logger.warn(
				{ event: 'delivery_failed', err: error, channel: channelId, failures, retryInMs: delayMs },
				// Discord's side, in words: a refused post, or a channel that could not be read to look for one.
				`${error instanceof DeliveryError ? error.message : 'could not post to a channel'}; will try again`,
			);
	}
}
