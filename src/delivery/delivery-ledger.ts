import { randomBytes } from 'node:crypto';
import type Keyv from 'keyv';
import { KeyedLock } from '../storage/keyed-lock.ts';
import type { Storage } from '../storage/storage.ts';
import type { DigestPart } from './digest-contents.ts';

/** A paper waiting to go to a channel, with the topics that caught it. */
export interface QueuedPost {
	readonly paperId: string;
	readonly topics: readonly string[];
	readonly queuedAt: string;
	/** How strongly those topics matched it (the topic matcher's score); digests list the strongest first. Absent in posts queued before it was kept. */
	readonly strength?: number;
}

/** One message's worth of posts, with the nonce that lets Discord refuse it twice. */
export interface Batch {
	readonly nonce: string;
	readonly posts: readonly QueuedPost[];
	/** Set before the first attempt: from then on the message may be in the channel already. */
	readonly attemptedAt?: string;
	readonly digest?: DigestPart;
}

export interface TopicStats {
	readonly delivered: number;
	readonly lastAt: string;
}

/** A channel's delivery state; only the deliverer writes it. */
export interface ChannelDelivery {
	readonly channelId: string;
	/** Posts not yet in a batch: instant channels batch them at once, daily and weekly ones at digest time. */
	readonly queued: readonly QueuedPost[];
	/** Formed messages, sent in order. */
	readonly batches: readonly Batch[];
	readonly paused?: { readonly reason: string; readonly since: string };
	readonly topicStats: Readonly<Record<string, TopicStats>>;
	readonly lastDigestAt?: string;
}

/** How much of a channel's delivery waits, as last written or read here; see `DeliveryLedger.sizes`. */
export interface WaitingSize {
	/** Posts not yet in a message. */
	readonly queued: number;
	/** Posts in formed messages, not yet confirmed in the channel. */
	readonly batched: number;
	readonly paused: boolean;
}

export const MAX_EMBEDS_PER_MESSAGE = 10;

/** Discord accepts nonces of up to 25 characters. */
export function newNonce(): string {
	return randomBytes(12).toString('hex');
}

function emptyDelivery(channelId: string): ChannelDelivery {
	return { channelId, queued: [], batches: [], topicStats: {} };
}

/**
 * Which paper went to which channel (one key per pair, so checking a batch of new papers is one
 * read) and each channel's queue of posts, changed one read-modify-write at a time.
 */
export class DeliveryLedger {
	readonly #deliveries: Keyv<ChannelDelivery>;
	readonly #delivered: Keyv<{ at: string }>;
	readonly #lock = new KeyedLock();
	readonly #sizes = new Map<string, WaitingSize>();

	constructor(storage: Storage) {
		this.#deliveries = storage.namespace('deliveries');
		this.#delivered = storage.namespace('delivered');
	}

	get(channelId: string): Promise<ChannelDelivery | undefined> {
		return this.#deliveries.get(channelId);
	}

	update(channelId: string, change: (delivery: ChannelDelivery) => ChannelDelivery): Promise<ChannelDelivery> {
		return this.#lock.run(channelId, async () => {
			const next = change((await this.#deliveries.get(channelId)) ?? emptyDelivery(channelId));
			await this.#deliveries.set(channelId, next);
			this.#note(next);
			return next;
		});
	}

	/** Queues the posts this channel has neither received nor queued; returns how many were new. */
	enqueue(channelId: string, posts: readonly QueuedPost[]): Promise<number> {
		// Read and written under the channel's lock, so a batch completing meanwhile is seen.
		return this.#lock.run(channelId, async () => {
			const sent = await this.#delivered.getMany(posts.map((post) => `${channelId}:${post.paperId}`));
			const delivery = (await this.#deliveries.get(channelId)) ?? emptyDelivery(channelId);
			const waiting = new Set([...delivery.queued, ...delivery.batches.flatMap((batch) => batch.posts)].map((post) => post.paperId));
			const fresh = posts.filter((post, i) => sent[i] === undefined && !waiting.has(post.paperId));
			const next = { ...delivery, queued: [...delivery.queued, ...fresh] };
			if (fresh.length > 0) await this.#deliveries.set(channelId, next);
			this.#note(next);
			return fresh.length;
		});
	}

	/** Records a batch as in the channel: its papers will never be queued for it again. */
	async complete(channelId: string, batch: Batch, at: Date): Promise<void> {
		const stamp = at.toISOString();
		await this.#delivered.setMany(batch.posts.map((post) => ({ key: `${channelId}:${post.paperId}`, value: { at: stamp } })));
		await this.update(channelId, (delivery) => {
			const topicStats = { ...delivery.topicStats };
			for (const topic of batch.posts.flatMap((post) => post.topics)) {
				topicStats[topic] = { delivered: (topicStats[topic]?.delivered ?? 0) + 1, lastAt: stamp };
			}
			return { ...delivery, batches: delivery.batches.filter((other) => other.nonce !== batch.nonce), topicStats };
		});
	}

	async remove(channelId: string): Promise<void> {
		await this.#lock.run(channelId, () => this.#deliveries.delete(channelId));
		this.#sizes.delete(channelId);
	}

	/** Channels with posts waiting; read at start to finish what a previous run left. */
	async *waiting(): AsyncGenerator<string> {
		for await (const [, value] of this.#deliveries.iterator!(undefined)) {
			const delivery = value as ChannelDelivery;
			this.#note(delivery);
			if (delivery.queued.length + delivery.batches.length > 0) yield delivery.channelId;
		}
	}

	/**
	 * What waits in each channel, as this ledger last wrote or listed it: current in the process
	 * that delivers (the only writer of queues but for backfills, which its sweeps pick up).
	 */
	sizes(): ReadonlyMap<string, WaitingSize> {
		return this.#sizes;
	}

	#note(delivery: ChannelDelivery): void {
		const batched = delivery.batches.reduce((sum, batch) => sum + batch.posts.length, 0);
		if (delivery.queued.length + batched === 0) this.#sizes.delete(delivery.channelId);
		else this.#sizes.set(delivery.channelId, { queued: delivery.queued.length, batched, paused: delivery.paused !== undefined });
	}
}
