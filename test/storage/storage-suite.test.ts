import { describe, expect, it } from 'vitest';
import { DeliveryLedger } from '../../src/delivery/delivery-ledger.ts';
import { SeenPapers } from '../../src/delivery/seen-papers.ts';
import { ReadingLists } from '../../src/reading-lists/reading-lists.ts';
import { STORAGE_KINDS } from '../../src/storage/kinds.ts';
import { Subscriptions } from '../../src/subscriptions/subscriptions.ts';
import { parseTopic } from '../../src/subscriptions/topic.ts';
import { backends, useStorage } from './backends.ts';

const place = (channelId: string) => ({ channelId, guildId: '100000000000000001' });
const grokking = {
	title: 'Grokking beyond algorithmic data',
	abstract: 'We study delayed generalization in neural networks trained on images.',
};

it('runs on every kind of store Paperboy supports', () => {
	expect(
		backends()
			.map((backend) => backend.name)
			.sort(),
	).toEqual(Object.keys(STORAGE_KINDS).sort());
});

for (const backend of backends()) {
	describe.skipIf(!backend.url)(`storage on ${backend.name}${backend.url ? '' : ` (skipped: ${backend.skipReason})`}`, () => {
		const storage = useStorage(backend);

		it('keeps subscriptions across a restart and finds the channels a paper is for', async () => {
			const first = await Subscriptions.load(await storage.open());
			await first.subscribe(place('200000000000000001'), parseTopic('grokking'), 'u1');
			await first.subscribe(place('200000000000000001'), parseTopic('"delayed generalization" -survey'), 'u1');
			await first.subscribe(place('200000000000000002'), parseTopic('diffusion models'), 'u2');

			const again = await Subscriptions.load(await storage.reopen());
			expect(again.channelCount).toBe(2);
			expect((await again.get('200000000000000001'))?.topics.map((topic) => topic.text)).toEqual([
				'grokking',
				'"delayed generalization" -survey',
			]);
			expect(again.match(grokking)).toEqual(new Map([['200000000000000001', ['grokking', '"delayed generalization" -survey']]]));
		});

		it('refuses the same topic twice and a 26th topic, and forgets a channel left with none', async () => {
			const subscriptions = await Subscriptions.load(await storage.open());
			const channel = place('200000000000000003');
			await subscriptions.subscribe(channel, parseTopic('Continual  Learning'), 'u1');
			await expect(subscriptions.subscribe(channel, parseTopic('learning continual'), 'u1')).rejects.toMatchObject({
				refusal: { code: 'topic_already_followed', followed: 'Continual Learning', asked: 'learning continual' },
			});
			for (let i = 1; i < 25; i++) await subscriptions.subscribe(channel, parseTopic(`topic${i}`), 'u1');
			await expect(subscriptions.subscribe(channel, parseTopic('one more'), 'u1')).rejects.toMatchObject({
				refusal: { code: 'topic_limit', limit: 25 },
			});
			for (const topic of (await subscriptions.get(channel.channelId))!.topics)
				await subscriptions.unsubscribe(channel, (t) => t.key === topic.key);
			expect(await subscriptions.get(channel.channelId)).toBeUndefined();
			expect((await Subscriptions.load(await storage.reopen())).channelCount).toBe(0);
		});

		it('remembers which papers were seen, in buckets, across a restart', async () => {
			const seen = new SeenPapers(await storage.open());
			expect(await seen.baseline()).toBeUndefined();
			const ids = Array.from({ length: 2_000 }, (_, i) => i.toString(16).padStart(16, '0'));
			await seen.setBaseline(ids);
			const later = new SeenPapers(await storage.reopen());
			expect((await later.baseline())?.papers).toBe(2_000);
			expect(await later.unseen([ids[5]!, 'ffff000000000000', ids[1999]!, 'ffff000000000000'])).toEqual(['ffff000000000000']);
			await later.markSeen(['ffff000000000000']);
			expect(await later.unseen(['ffff000000000000'])).toEqual([]);
		});

		it('keeps a member’s reading list across a restart, and loses no save made at once from two processes', async () => {
			const paper = (n: number) => ({ id: `r${n}`, title: `Reading ${n}`, abstract: 'a', listings: [{ file: 'x.txt' }] });
			const here = new ReadingLists(await storage.open());
			// Two processes on a shared store; one process's own store (SQLite, memory) has only itself.
			const there = STORAGE_KINDS[backend.name].shared ? new ReadingLists(await storage.another()) : here;
			await Promise.all(Array.from({ length: 20 }, (_, n) => (n % 2 ? here : there).save('u1', [paper(n)])));
			await here.save('u1', [paper(3)]);
			await here.remove('u1', ['r4']);
			const later = new ReadingLists(await storage.reopen());
			expect((await later.list('u1')).map((saved) => saved.id).sort()).toEqual(
				Array.from({ length: 20 }, (_, n) => `r${n}`)
					.filter((id) => id !== 'r4')
					.sort(),
			);
			expect(await later.list('u2')).toEqual([]);
		});

		// A store that is one process's (SQLite, memory) always grants the lease, and only this process
		// changes its subscriptions: nothing to elect, nothing to read again.
		const shared = STORAGE_KINDS[backend.name].shared;
		if (shared)
			it('sees, once refreshed, the subscriptions another process changed', async () => {
				const here = await Subscriptions.load(await storage.open());
				const there = await Subscriptions.load(await storage.another());
				await there.subscribe(place('200000000000000004'), parseTopic('grokking'), 'u1');
				expect(here.match(grokking)).toEqual(new Map());
				await here.refresh();
				expect(here.match(grokking)).toEqual(new Map([['200000000000000004', ['grokking']]]));
			});

		if (shared)
			it('elects one leader through a lease that expires when not renewed', async () => {
				const first = (await storage.open()).lease('bench-leader');
				const second = (await storage.another()).lease('bench-leader');
				await first.release('a');
				await second.release('b');
				expect(await first.acquire('a', 400)).toBe(true);
				expect(await second.acquire('b', 400)).toBe(false);
				expect(await first.acquire('a', 400)).toBe(true); // renewed by its holder
				await new Promise((resolve) => setTimeout(resolve, 600));
				expect(await second.acquire('b', 400)).toBe(true); // a's lapsed: b takes over
				expect(await first.acquire('a', 400)).toBe(false);
				await second.release('b');
				expect(await first.acquire('a', 400)).toBe(true);
				await first.release('a');
			});

		it('keeps daily and weekly digest settings and digest parts, as written now and as written before weekly ones', async () => {
			const opened = await storage.open();
			const subscriptions = await Subscriptions.load(opened);
			const daily = { mode: 'daily', hour: 8, since: '2026-11-01T00:00:00.000Z' } as const;
			const weekly = { mode: 'weekly', day: 'sunday', hour: 23, since: '2026-11-02T10:00:00.000Z' } as const;
			await subscriptions.setDigest(place('200000000000000004'), daily);
			await subscriptions.setDigest(place('200000000000000005'), weekly);
			const ledger = new DeliveryLedger(opened);
			const posts = [{ paperId: 'a1', topics: ['grokking'], queuedAt: '2026-11-20T10:00:00.000Z', strength: 3 }];
			const summary = { papers: 1, topics: [{ topic: 'grokking', papers: 1 }] };
			const batches = [
				{ nonce: 'n1', posts, digest: { period: 'weekly', date: '2026-11-22T23:00:00.000Z', part: 1, parts: 1, summary } },
				// As stored before weekly digests: no period (it was daily), no summary, no strength.
				{
					nonce: 'n2',
					posts: [{ paperId: 'a2', topics: ['grokking'], queuedAt: '2026-11-20T10:00:00.000Z' }],
					digest: { date: '2026-11-21T08:00:00.000Z', part: 1, parts: 1 },
				},
			] as const;
			await ledger.update('300000000000000004', (d) => ({ ...d, batches }));

			const reopened = await storage.reopen();
			const again = await Subscriptions.load(reopened);
			expect([(await again.get('200000000000000004'))?.digest, (await again.get('200000000000000005'))?.digest]).toEqual([daily, weekly]);
			expect((await new DeliveryLedger(reopened).get('300000000000000004'))?.batches).toEqual(batches);
		});

		it('queues a paper for a channel once and never again once delivered', async () => {
			const ledger = new DeliveryLedger(await storage.open());
			const post = (paperId: string) => ({ paperId, topics: ['grokking'], queuedAt: new Date().toISOString() });
			expect(await ledger.enqueue('300000000000000001', [post('a1'), post('a2')])).toBe(2);
			expect(await ledger.enqueue('300000000000000001', [post('a2'), post('a3')])).toBe(1);
			const queued = (await ledger.get('300000000000000001'))!.queued;
			await ledger.update('300000000000000001', (d) => ({ ...d, queued: [], batches: [{ nonce: 'n1', posts: queued }] }));
			expect([...(await collect(ledger.waiting()))]).toEqual(['300000000000000001']);
			await ledger.complete('300000000000000001', (await ledger.get('300000000000000001'))!.batches[0]!, new Date('2026-11-20T10:00:00Z'));

			const later = new DeliveryLedger(await storage.reopen());
			expect(await later.enqueue('300000000000000001', [post('a1'), post('a3')])).toBe(0);
			expect(await later.enqueue('300000000000000002', [post('a1')])).toBe(1);
			expect((await later.get('300000000000000001'))?.topicStats).toEqual({
				grokking: { delivered: 3, lastAt: '2026-11-20T10:00:00.000Z' },
			});
			expect(await collect(later.waiting())).toEqual(['300000000000000002']);
		});
	});
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
	const all: T[] = [];
	for await (const item of items) all.push(item);
	return all;
}
