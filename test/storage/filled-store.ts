import { DeliveryLedger, newNonce } from '../../src/delivery/delivery-ledger.ts';
import { SeenPapers } from '../../src/delivery/seen-papers.ts';
import { paperIdFor } from '../../src/papers/normalize.ts';
import type { Paper } from '../../src/papers/paper.ts';
import { ReadingLists } from '../../src/reading-lists/reading-lists.ts';
import { tallyStore, type StoreTally } from '../../src/storage/records.ts';
import { openStorage, type Storage } from '../../src/storage/storage.ts';
import { Subscriptions } from '../../src/subscriptions/subscriptions.ts';
import { parseTopic } from '../../src/subscriptions/topic.ts';

/** Titles with what stores and JSON can trip on: quotes, backslashes, non-ASCII, emoji, a newline. */
const ODD_TITLES = [
	'Grokking "at the edge" of numerical stability',
	'C:\\paths and 50% LIKE_patterns',
	'Über-Transformers: 注意力 🚀',
	'Line\nbreak',
];

function papers(count: number): Paper[] {
	return Array.from({ length: count }, (_, i) => {
		const title = `${ODD_TITLES[i % ODD_TITLES.length]} ${i}`;
		return {
			id: paperIdFor(title),
			title,
			abstract: `We study delayed generalization ${i} times.`,
			listings: [{ file: `${String(i % 7).padStart(3, '0')}_listing.txt`, date: 'Mar 14' }],
			...(i % 2 === 0 ? { arxivId: `2501.${String(i).padStart(5, '0')}`, authors: ['Ada Lovelace', 'Émile Borel'], upvotes: i } : {}),
		};
	});
}

const channelId = (i: number) => `2${String(i).padStart(17, '0')}`;
const place = (i: number) => ({ channelId: channelId(i), guildId: '100000000000000001' });

/**
 * Fills a store as a bot would, through the classes that write each namespace: `channels`
 * channels with topics and digest modes, their queues and delivered papers, reading lists,
 * the papers a feed brought, the seen buckets and the baseline. About 5 × `channels` + 256 records.
 */
export async function fillStore(storage: Storage, channels: number): Promise<void> {
	const library = papers(channels * 2);
	const subscriptions = await Subscriptions.load(storage);
	const ledger = new DeliveryLedger(storage);
	const lists = new ReadingLists(storage);
	await new SeenPapers(storage).setBaseline(Array.from({ length: 2_000 }, (_, i) => paperIdFor(`baseline paper ${i}`)));
	for (let i = 0; i < channels; i++) {
		await subscriptions.subscribe(place(i), parseTopic(i % 3 === 0 ? '"delayed generalization" -survey' : `grokking ${i}`), `3${i}`);
		if (i % 4 === 1) await subscriptions.setDigest(place(i), { mode: 'weekly', day: 'friday', hour: 9, since: '2026-11-01T00:00:00.000Z' });
		const [sent, waiting] = [library[i * 2]!, library[i * 2 + 1]!];
		const queuedAt = '2026-12-01T10:00:00.000Z';
		await ledger.enqueue(channelId(i), [{ paperId: sent.id, topics: ['grokking'], queuedAt, strength: 2.5 }]);
		const batch = { nonce: newNonce(), posts: [{ paperId: sent.id, topics: ['grokking'], queuedAt }] };
		await ledger.update(channelId(i), (delivery) => ({ ...delivery, queued: [], batches: [batch] }));
		await ledger.complete(channelId(i), batch, new Date('2026-12-01T10:00:05.000Z'));
		await ledger.enqueue(channelId(i), [{ paperId: waiting.id, topics: ['grokking'], queuedAt }]);
		await lists.save(`4${i}`, [sent, waiting], new Date('2026-12-01T11:00:00.000Z'));
	}
	await storage.namespace('papers').setMany(library.map(({ id, ...draft }) => ({ key: id, value: draft })));
}

/** What the bot would read back: channels and their topics, queues, reading lists, papers, seen papers. */
export async function readBack(storage: Storage, channels: number): Promise<unknown> {
	const subscriptions = await Subscriptions.load(storage);
	const ledger = new DeliveryLedger(storage);
	const lists = new ReadingLists(storage);
	const waiting: string[] = [];
	for await (const id of ledger.waiting()) waiting.push(id);
	const perChannel = [];
	for (let i = 0; i < channels; i++) {
		perChannel.push({
			subscriptions: await subscriptions.get(channelId(i)),
			delivery: await ledger.get(channelId(i)),
			list: await lists.list(`4${i}`),
		});
	}
	const library = papers(channels * 2);
	return {
		channelCount: subscriptions.channelCount,
		waiting: waiting.sort(),
		perChannel,
		papers: await storage.namespace('papers').getMany(library.map((paper) => paper.id)),
		unseen: await new SeenPapers(storage).unseen([paperIdFor('baseline paper 7'), library[0]!.id]),
		baseline: await new SeenPapers(storage).baseline(),
	};
}

/** Channels the transfer tests fill a store with: about 450 records. */
const CHANNELS = 40;

export async function withStore<T>(url: string, use: (storage: Storage) => Promise<T>): Promise<T> {
	const storage = await openStorage(url);
	try {
		return await use(storage);
	} finally {
		await storage.close();
	}
}

/** What a bot reads back from the store at `url`, and the store's tally. */
export const contents = (url: string): Promise<{ read: unknown; tally: StoreTally }> =>
	withStore(url, async (storage) => ({ read: await readBack(storage, CHANNELS), tally: await tallyStore(storage) }));

/** Fills the store at `url` as a bot would; returns its contents. */
export async function filled(url: string): Promise<{ read: unknown; tally: StoreTally }> {
	await withStore(url, (storage) => fillStore(storage, CHANNELS));
	return contents(url);
}
