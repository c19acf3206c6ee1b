import type Keyv from 'keyv';
import type { Paper } from '../papers/paper.ts';
import { KeyedLock } from '../storage/keyed-lock.ts';
import { STORAGE_KINDS } from '../storage/kinds.ts';
import type { Storage } from '../storage/storage.ts';
import { TopicMatcher, type ChannelMatch } from './topic-matcher.ts';
import { TopicRefusedError } from './topic-refusal.ts';
import type { Topic } from './topic.ts';

export const MAX_TOPICS_PER_CHANNEL = 25;

export interface FollowedTopic extends Topic {
	readonly createdAt: string;
	readonly createdBy: string;
}

/** The days a weekly digest can fall on, Monday first as the command lists them. */
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** How a channel gets its papers; `since` is when the mode was chosen, so no digest before it is owed. */
export type DigestMode =
	| { readonly mode: 'instant' }
	| { readonly mode: 'daily'; readonly hour: number; readonly since: string }
	| { readonly mode: 'weekly'; readonly day: Weekday; readonly hour: number; readonly since: string };

/** What one channel follows; stored under its channel id, so listing it is one read. */
export interface ChannelSubscriptions {
	readonly channelId: string;
	readonly guildId: string;
	readonly topics: readonly FollowedTopic[];
	readonly digest: DigestMode;
}

export interface Place {
	readonly channelId: string;
	readonly guildId: string;
}

/**
 * Channels' topics: kept in the store, and in a matcher so a new paper finds its channels
 * without reading the store.
 */
export class Subscriptions {
	readonly #lock = new KeyedLock();
	readonly #matcher = new TopicMatcher();

	private readonly records: Keyv<ChannelSubscriptions>;
	private readonly shared: boolean;
	private constructor(
		records: Keyv<ChannelSubscriptions>,
		/** Whether other processes change the records too (a shared store); then `refresh` reads them again. */
		shared: boolean,
	) {
		this.records = records;
		this.shared = shared;
	}

	static async load(storage: Storage): Promise<Subscriptions> {
		const subscriptions = new Subscriptions(storage.namespace<ChannelSubscriptions>('channels'), STORAGE_KINDS[storage.kind].shared);
		await subscriptions.#readAll();
		return subscriptions;
	}

	/**
	 * Catches up with changes other processes made. Alone on its store, this process's matcher is
	 * always current, and reading everything again could only race with its own changes.
	 */
	async refresh(): Promise<void> {
		if (this.shared) await this.#readAll();
	}

	async #readAll(): Promise<void> {
		const present = new Set<string>();
		for await (const [, record] of this.records.iterator!(undefined)) {
			const channel = record as ChannelSubscriptions;
			present.add(channel.channelId);
			this.#matcher.setChannel(channel.channelId, channel.topics);
		}
		// A channel missed by the listing (paged while others changed) is dropped only if really gone.
		for (const channelId of this.#matcher.channelIds()) {
			if (!present.has(channelId) && !(await this.records.get(channelId))) this.#matcher.removeChannel(channelId);
		}
	}

	get channelCount(): number {
		return this.#matcher.channels;
	}

	get(channelId: string): Promise<ChannelSubscriptions | undefined> {
		return this.records.get(channelId);
	}

	/** The channels a paper is for, with the topics that caught it. */
	match(paper: Pick<Paper, 'title' | 'abstract'>): Map<string, string[]> {
		return this.#matcher.match(paper);
	}

	/** For each channel, the papers it should get, each with the topics that caught it. */
	matchChannels<P extends Pick<Paper, 'title' | 'abstract'>>(papers: readonly P[]): Map<string, ChannelMatch<P>[]> {
		return this.#matcher.matchChannels(papers);
	}

	subscribe(place: Place, topic: Topic, createdBy: string): Promise<ChannelSubscriptions> {
		return this.#update(place, (channel) => {
			const same = channel.topics.find((followed) => followed.key === topic.key);
			if (same) throw new TopicRefusedError({ code: 'topic_already_followed', followed: same.text, asked: topic.text });
			if (channel.topics.length >= MAX_TOPICS_PER_CHANNEL)
				throw new TopicRefusedError({ code: 'topic_limit', limit: MAX_TOPICS_PER_CHANNEL });
			return { ...channel, topics: [...channel.topics, { ...topic, createdAt: new Date().toISOString(), createdBy }] };
		});
	}

	/** Stops following the topic whose text or normalized form is `key`; returns it. */
	async unsubscribe(place: Place, matchesTopic: (topic: FollowedTopic) => boolean): Promise<FollowedTopic> {
		let removed: FollowedTopic | undefined;
		await this.#update(place, (channel) => {
			removed = channel.topics.find(matchesTopic);
			if (!removed) throw new TopicRefusedError({ code: 'topic_not_followed' });
			return { ...channel, topics: channel.topics.filter((topic) => topic !== removed) };
		});
		return removed!;
	}

	setDigest(place: Place, digest: DigestMode): Promise<ChannelSubscriptions> {
		return this.#update(place, (channel) => ({ ...channel, digest }));
	}

	/** Forgets a channel entirely (it was deleted). */
	removeChannel(channelId: string): Promise<void> {
		return this.#lock.run(channelId, async () => {
			await this.records.delete(channelId);
			this.#matcher.removeChannel(channelId);
		});
	}

	#update(place: Place, change: (channel: ChannelSubscriptions) => ChannelSubscriptions): Promise<ChannelSubscriptions> {
		return this.#lock.run(place.channelId, async () => {
			const current = (await this.records.get(place.channelId)) ?? { ...place, topics: [], digest: { mode: 'instant' } };
			const next = change(current);
			if (next.topics.length === 0 && next.digest.mode === 'instant') await this.records.delete(place.channelId);
			else await this.records.set(place.channelId, next);
			this.#matcher.setChannel(place.channelId, next.topics);
			return next;
		});
	}
}
