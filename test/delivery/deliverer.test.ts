import { describe, expect, it } from 'vitest';
import { DeliveryLedger } from '../../src/delivery/delivery-ledger.ts';
import { openStorage } from '../../src/storage/storage.ts';
import { RecordingSink } from '../support/recording-sink.ts';
import { CHANNEL, ids, OTHER, queued, setup, THIRD } from './delivery-setup.ts';

describe('the deliverer', () => {
	it('posts queued papers once, ten to a message, and never again', async () => {
		const { sink, deliverer, ledger } = await setup();
		await deliverer.enqueue(new Map([[CHANNEL, queued(ids(0, 12))]]));
		await deliverer.idle();
		expect(sink.inChannel(CHANNEL).map((post) => post.items.length)).toEqual([10, 2]);
		expect(await deliverer.enqueue(new Map([[CHANNEL, queued(ids(5, 13))]]))).toBe(1);
		await deliverer.idle();
		expect(sink.inChannel(CHANNEL).flatMap((post) => post.items.map((item) => item.paper.id))).toEqual(ids(0, 13));
		expect((await ledger.get(CHANNEL))?.topicStats.grokking?.delivered).toBe(13);
	});

	it('posts nothing until started, so only the leading process posts', async () => {
		const { sink, deliverer } = await setup(undefined, {}, false);
		expect(await deliverer.enqueue(new Map([[CHANNEL, queued(ids(0, 2))]]))).toBe(2);
		await deliverer.idle();
		expect(sink.posts).toHaveLength(0);
		await deliverer.start();
		await deliverer.idle();
		expect(sink.inChannel(CHANNEL)).toHaveLength(1);
		await deliverer.close();
	});

	it('does not post twice when Discord took a post but the answer was lost', async () => {
		const { sink, deliverer } = await setup();
		sink.lostAcknowledgements = 1;
		await deliverer.enqueue(new Map([[CHANNEL, queued(ids(0, 3))]]));
		await expect.poll(() => deliverer.idle().then(() => sink.posts.length)).toBe(1);
		await new Promise((resolve) => setTimeout(resolve, 100));
		await deliverer.idle();
		expect(sink.posts).toHaveLength(1);
	});

	it('posts nothing it had started once stopped, however late the store answers, and the next leader posts it once', async () => {
		const store = await openStorage('memory://');
		let updates = 0;
		let answer!: () => void;
		const late = new Promise<void>((resolve) => (answer = resolve));
		// The store takes the write marking the batch as tried (the second), and answers only once the deliverer stopped.
		class LateLedger extends DeliveryLedger {
			override async update(...args: Parameters<DeliveryLedger['update']>) {
				const next = await super.update(...args);
				if (++updates === 2) await late;
				return next;
			}
		}
		const { sink, deliverer } = await setup(store, { ledger: new LateLedger(store) });
		await deliverer.enqueue(new Map([[CHANNEL, queued(ids(0, 2))]]));
		await expect.poll(() => updates).toBe(2);
		const closed = deliverer.close();
		answer();
		await closed;
		expect(sink.posts).toHaveLength(0);
		const next = await setup(store);
		await expect.poll(() => next.sink.inChannel(CHANNEL).length).toBe(1);
		await next.deliverer.close();
	});

	it('pauses a channel it may not post to, without holding up others, and resumes on request', async () => {
		const { sink, deliverer, ledger } = await setup();
		sink.broken.set(CHANNEL, 'forbidden');
		sink.broken.set(THIRD, 'gone');
		await deliverer.enqueue(
			new Map([
				[CHANNEL, queued(ids(0, 2))],
				[OTHER, queued(ids(0, 2))],
				[THIRD, queued(ids(0, 1))],
			]),
		);
		await deliverer.idle();
		expect(sink.inChannel(OTHER)).toHaveLength(1);
		expect((await ledger.get(CHANNEL))?.paused?.reason).toBe('forbidden');
		expect((await ledger.get(THIRD))?.paused?.reason).toBe('gone');
		expect((await ledger.get(CHANNEL))?.batches).toHaveLength(1);
		sink.broken.delete(CHANNEL);
		await deliverer.resume(CHANNEL);
		await deliverer.idle();
		expect(sink.inChannel(CHANNEL)).toHaveLength(1);
	});

	it('drops a message Discord refuses as malformed, and goes on with the channel', async () => {
		const { sink, deliverer, ledger } = await setup();
		sink.broken.set(CHANNEL, 'rejected');
		await deliverer.enqueue(new Map([[CHANNEL, queued(ids(0, 2))]]));
		await deliverer.idle();
		expect((await ledger.get(CHANNEL))?.batches).toEqual([]);
		sink.broken.delete(CHANNEL);
		await deliverer.enqueue(new Map([[CHANNEL, queued(ids(2, 3))]]));
		await deliverer.idle();
		expect(sink.inChannel(CHANNEL).map((post) => post.items.map((item) => item.paper.id))).toEqual([['p2']]);
	});

	it('finishes after a restart what a crash interrupted', async () => {
		const store = await openStorage('memory://');
		const first = await setup(store, { sink: Object.assign(new RecordingSink(), { post: () => new Promise<never>(() => {}) }) });
		await first.deliverer.enqueue(new Map([[CHANNEL, queued(ids(0, 2))]]));
		// The first run hangs mid-post and is abandoned, as a killed process would be.
		const second = await setup(store);
		await second.deliverer.idle();
		expect(second.sink.inChannel(CHANNEL)).toHaveLength(1);
		await second.deliverer.close();
	});

	it('gathers a daily channel’s papers into one digest at its hour', async () => {
		let now = new Date('2026-11-22T07:30:00Z');
		const { sink, deliverer, subscriptions } = await setup(undefined, { now: () => now });
		await subscriptions.setDigest({ channelId: CHANNEL, guildId: '1' }, { mode: 'daily', hour: 9, since: now.toISOString() });
		await deliverer.enqueue(
			new Map([[CHANNEL, ids(0, 14).map((paperId) => ({ paperId, topics: ['grokking'], queuedAt: now.toISOString() }))]]),
		);
		await deliverer.idle();
		expect(sink.posts).toHaveLength(0);
		now = new Date('2026-11-22T09:01:00Z');
		await deliverer.start(); // its sweep looks again
		await expect.poll(() => sink.posts.length).toBe(2);
		const summary = { papers: 14, topics: [{ topic: 'grokking', papers: 14 }] };
		expect(sink.posts.map(({ post }) => post.digest)).toEqual([
			{ period: 'daily', date: '2026-11-22T09:00:00.000Z', part: 1, parts: 2, summary },
			{ period: 'daily', date: '2026-11-22T09:00:00.000Z', part: 2, parts: 2, summary },
		]);
		await deliverer.enqueue(new Map([[CHANNEL, queued(['p20'])]]));
		await new Promise((resolve) => setTimeout(resolve, 60));
		expect(sink.posts).toHaveLength(2);
		await deliverer.close();
	});

	it('keeps a daily channel to its hour on a day nothing had arrived by then', async () => {
		let now = new Date('2026-11-22T13:00:00Z');
		const { sink, deliverer, subscriptions } = await setup(undefined, { now: () => now });
		await subscriptions.setDigest({ channelId: CHANNEL, guildId: '1' }, { mode: 'daily', hour: 9, since: '2026-11-20T00:00:00.000Z' });
		// Arrives at 13:00, after today's 09:00 digest time: it belongs to tomorrow's digest.
		await deliverer.enqueue(new Map([[CHANNEL, [{ paperId: 'p1', topics: ['grokking'], queuedAt: now.toISOString() }]]]));
		await deliverer.idle();
		expect(sink.posts).toHaveLength(0);
		now = new Date('2026-11-23T09:00:30Z');
		await deliverer.start();
		await expect.poll(() => sink.posts.map(({ post }) => post.digest?.date)).toEqual(['2026-11-23T09:00:00.000Z']);
		await deliverer.close();
	});
});
