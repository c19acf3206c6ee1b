import type { Paper } from '../papers/paper.ts';
import type { SearchService } from '../search/search-service.ts';
import type { ChannelSubscriptions, DigestMode, FollowedTopic, Place, Subscriptions } from '../subscriptions/subscriptions.ts';
import { topicStrength } from '../subscriptions/topic-matcher.ts';
import { knownWords, parseTopic } from '../subscriptions/topic.ts';
import type { ChannelDelivery, DeliveryLedger } from './delivery-ledger.ts';
import type { Deliverer } from './deliverer.ts';

export const MAX_BACKFILL = 10;
/** Search results looked through for papers a new topic catches, to preview and backfill. */
const PREVIEW_POOL = 100;

export interface Subscribed {
	readonly topic: FollowedTopic;
	/** The best papers the topic catches now, best first (up to MAX_BACKFILL). */
	readonly catches: readonly Paper[];
	readonly backfilled: number;
	/** How the channel gets its papers, and whether posting there is paused. */
	readonly digest: DigestMode;
	readonly paused: boolean;
}

export interface ChannelOverview {
	readonly subscriptions: ChannelSubscriptions | undefined;
	readonly delivery: ChannelDelivery | undefined;
}

/** What the subscription commands do, free of Discord: they render what these return. */
export class ChannelFeeds {
	private readonly search: SearchService;
	private readonly subscriptions: Subscriptions;
	private readonly ledger: DeliveryLedger;
	private readonly deliverer: Deliverer;
	constructor(search: SearchService, subscriptions: Subscriptions, ledger: DeliveryLedger, deliverer: Deliverer) {
		this.search = search;
		this.subscriptions = subscriptions;
		this.ledger = ledger;
		this.deliverer = deliverer;
	}

	/** Follows a topic; its typo corrections come from the search index, as a search's would. */
	async subscribe(place: Place, text: string, createdBy: string, backfill: number): Promise<Subscribed> {
		parseTopic(text); // refuses a bad topic before any search
		const response = await this.search.search(text, { limit: PREVIEW_POOL, completeLastWord: false });
		const topic = parseTopic(text, knownWords(response.words));
		const channel = await this.subscriptions.subscribe(place, topic, createdBy);
		const caught = response.results
			.map((result) => ({ paper: result.paper, strength: topicStrength(topic, result.paper) }))
			.filter((match) => match.strength !== undefined)
			.slice(0, MAX_BACKFILL);
		const wanted = caught.slice(0, Math.min(Math.max(backfill, 0), MAX_BACKFILL));
		const queuedAt = new Date().toISOString();
		const backfilled =
			wanted.length === 0
				? 0
				: await this.deliverer.enqueue(
						new Map([
							[place.channelId, wanted.map(({ paper, strength }) => ({ paperId: paper.id, topics: [topic.text], queuedAt, strength }))],
						]),
					);
		const catches = caught.map((match) => match.paper);
		const paused = (await this.ledger.get(place.channelId))?.paused !== undefined;
		return { topic: channel.topics.find((followed) => followed.key === topic.key)!, catches, backfilled, digest: channel.digest, paused };
	}

	/** Stops following a topic given as listed or written the same way. */
	unsubscribe(place: Place, text: string): Promise<FollowedTopic> {
		const key = safeKey(text);
		return this.subscriptions.unsubscribe(place, (topic) => topic.text === text || topic.key === key);
	}

	async topics(channelId: string): Promise<readonly FollowedTopic[]> {
		return (await this.subscriptions.get(channelId))?.topics ?? [];
	}

	async overview(channelId: string): Promise<ChannelOverview> {
		const [subscriptions, delivery] = await Promise.all([this.subscriptions.get(channelId), this.ledger.get(channelId)]);
		return { subscriptions, delivery };
	}

	async setDigest(place: Place, digest: DigestMode): Promise<void> {
		await this.subscriptions.setDigest(place, digest);
		// Switching to instant sends what a daily digest was holding.
		this.deliverer.kick(place.channelId);
	}

	resume(channelId: string): Promise<void> {
		return this.deliverer.resume(channelId);
	}

	/** A deleted channel: its topics and queue go; nothing can be posted there again. */
	async forgetChannel(channelId: string): Promise<void> {
		await this.subscriptions.removeChannel(channelId);
		await this.ledger.remove(channelId);
	}
}

function safeKey(text: string): string | undefined {
	try {
		return parseTopic(text).key;
	} catch {
		return undefined;
	}
}
