import type Keyv from 'keyv';
import { KeyedLock } from '../storage/keyed-lock.ts';
import type { Storage } from '../storage/storage.ts';

/**
 * Ids are hex; their first two characters spread them over 256 buckets, so marking 100,000
 * papers seen is 256 writes, and checking a new listing reads only the buckets it touches.
 */
function bucketOf(paperId: string): string {
	return paperId.slice(0, 2);
}

function groupByBucket(paperIds: Iterable<string>): Map<string, string[]> {
	const groups = new Map<string, string[]>();
	for (const id of paperIds) {
		const bucket = bucketOf(id);
		const group = groups.get(bucket);
		if (group) group.push(id);
		else groups.set(bucket, [id]);
	}
	return groups;
}

const BASELINE_KEY = 'baseline';

/** The papers Paperboy has already considered for delivery: a paper is new once. */
export class SeenPapers {
	readonly #buckets: Keyv<string[]>;
	readonly #meta: Keyv<{ at: string; papers: number }>;
	readonly #lock = new KeyedLock();

	constructor(storage: Storage) {
		this.#buckets = storage.namespace('seen');
		this.#meta = storage.namespace('meta');
	}

	/** When the first start recorded what was already there, if it did. */
	baseline(): Promise<{ at: string; papers: number } | undefined> {
		return this.#meta.get(BASELINE_KEY);
	}

	/** Records everything present at the first start as seen: none of it is news. */
	async setBaseline(paperIds: readonly string[]): Promise<void> {
		await this.markSeen(paperIds);
		await this.#meta.set(BASELINE_KEY, { at: new Date().toISOString(), papers: paperIds.length });
	}

	async unseen(paperIds: readonly string[]): Promise<string[]> {
		const groups = groupByBucket(paperIds);
		const buckets = [...groups.keys()];
		const stored = await this.#buckets.getMany(buckets);
		const seen = new Set(stored.flatMap((ids) => ids ?? []));
		return [...new Set(paperIds)].filter((id) => !seen.has(id));
	}

	async markSeen(paperIds: readonly string[]): Promise<void> {
		const groups = groupByBucket(paperIds);
		await Promise.all(
			[...groups].map(([bucket, ids]) =>
				this.#lock.run(bucket, async () => {
					const known = new Set((await this.#buckets.get(bucket)) ?? []);
					const before = known.size;
					for (const id of ids) known.add(id);
					if (known.size !== before) await this.#buckets.set(bucket, [...known]);
				}),
			),
		);
	}
}
