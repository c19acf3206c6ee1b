import { describe, expect, it } from 'vitest';
import { Metrics } from '../../src/metrics/metrics.ts';
import { parsePrometheus } from '../support/prometheus-text.ts';
import { CHANNEL, ids, OTHER, queued, setup, THIRD } from './delivery-setup.ts';

/** The deliverer's counters as /metrics shows them. */
async function posts(metrics: Metrics): Promise<Record<string, number>> {
	const scrape = parsePrometheus(await metrics.text());
	return Object.fromEntries(scrape.samples('paperboy_posts_total').map(({ labels, value }) => [labels.outcome, value]));
}

describe('what the deliverer counts', () => {
	it('counts each message by what became of it', async () => {
		const metrics = new Metrics();
		// Retries come at once here, so the lost acknowledgement's second attempt finds the post in the channel.
		const { sink, deliverer } = await setup(undefined, { metrics });
		sink.broken.set(OTHER, 'forbidden');
		sink.broken.set(THIRD, 'rejected');
		sink.lostAcknowledgements = 1;
		await deliverer.enqueue(new Map([[CHANNEL, queued(ids(0, 12))]]));
		await deliverer.enqueue(
			new Map([
				[OTHER, queued(ids(0, 1))],
				[THIRD, queued(ids(0, 1))],
			]),
		);
		await expect
			.poll(async () => (await deliverer.idle(), await posts(metrics)), { timeout: 5_000 })
			.toEqual({
				posted: 1,
				already_posted: 1,
				failed: 1,
				paused: 1,
				rejected: 1,
			});
		await deliverer.close();
	});

	it('tells queued, retrying and paused posts apart, and counts nothing once it stops delivering', async () => {
		let now = new Date('2026-11-22T07:30:00Z');
		const { sink, deliverer, subscriptions } = await setup(undefined, { now: () => now, retryMs: 60_000 });
		await subscriptions.setDigest({ channelId: CHANNEL, guildId: '1' }, { mode: 'daily', hour: 9, since: now.toISOString() });
		sink.broken.set(OTHER, 'gone');
		sink.lostAcknowledgements = 1;
		await deliverer.enqueue(
			new Map([
				[CHANNEL, ids(0, 4).map((paperId) => ({ paperId, topics: ['grokking'], queuedAt: now.toISOString() }))],
				[OTHER, queued(ids(0, 2))],
				[THIRD, queued(ids(0, 3))],
			]),
		);
		await deliverer.idle();
		// CHANNEL waits for its digest hour, OTHER is gone, THIRD's post is to be tried again in a minute.
		expect(deliverer.queueSizes()).toEqual({ queued: 4, sending: 0, retrying: 3, paused: 2 });
		now = new Date('2026-11-22T09:01:00Z');
		await deliverer.close();
		expect(deliverer.queueSizes()).toEqual({ queued: 0, sending: 0, retrying: 0, paused: 0 });
		await deliverer.start();
		await expect.poll(() => sink.posts.length).toBe(2);
		await deliverer.idle();
		expect(deliverer.queueSizes()).toEqual({ queued: 0, sending: 0, retrying: 0, paused: 2 });
		await deliverer.close();
	});
});
