import { describe, expect, it } from 'vitest';
import type { QueuedPost } from '../../src/delivery/delivery-ledger.ts';
import type { Paper } from '../../src/papers/paper.ts';
import { CHANNEL, setup } from './delivery-setup.ts';

const place = { channelId: CHANNEL, guildId: '1' };
/** Twelve papers; every third has no upvote count, as papers from listing files have none. */
const library = new Map<string, Paper>(
	Array.from({ length: 12 }, (_, i) => [
		`w${i}`,
		{ id: `w${i}`, title: `Paper ${i}`, abstract: 'An abstract.', listings: [], ...(i % 3 === 2 ? {} : { upvotes: i * 10 }) },
	]),
);

describe('a weekly digest', () => {
	it('waits for its day and hour, lists papers by match strength then upvotes, and sums up the whole digest in each part', async () => {
		// Tuesday 1 December 2026; the digest is on Mondays at 09:00.
		let now = new Date('2026-12-01T10:00:00Z');
		const { sink, deliverer, subscriptions } = await setup(undefined, {
			now: () => now,
			papers: async (wanted) => wanted.flatMap((id) => library.get(id) ?? []),
		});
		await subscriptions.setDigest(place, { mode: 'weekly', day: 'monday', hour: 9, since: now.toISOString() });
		// Strength 3 for the first four, 1 for the rest; posts queued before strengths were kept have none.
		const posts = [...library.keys()].map((paperId, i): QueuedPost => ({
			paperId,
			topics: i % 2 === 0 ? ['grokking', 'memorization'] : ['grokking'],
			queuedAt: now.toISOString(),
			...(i === 11 ? {} : { strength: i < 4 ? 3 : 1 }),
		}));
		await deliverer.enqueue(new Map([[CHANNEL, posts]]));
		for (const later of ['2026-12-06T23:59:00Z', '2026-12-07T08:59:59Z']) {
			now = new Date(later);
			await deliverer.start();
			await deliverer.idle();
		}
		expect(sink.posts).toHaveLength(0);

		now = new Date('2026-12-07T09:00:30Z');
		await deliverer.start();
		await expect.poll(() => sink.posts.length).toBe(2);
		expect(sink.posts.map(({ post }) => post.items.map((item) => item.paper.id))).toEqual([
			// Strength 3 by upvotes (w2 has none), then strength 1 by upvotes (w5, w8 none), then w11 (no strength).
			['w3', 'w1', 'w0', 'w2', 'w10', 'w9', 'w7', 'w6', 'w4', 'w5'],
			['w8', 'w11'],
		]);
		const summary = {
			papers: 12,
			topics: [
				{ topic: 'grokking', papers: 12 },
				{ topic: 'memorization', papers: 6 },
			],
		};
		expect(sink.posts.map(({ post }) => post.digest)).toEqual([
			{ period: 'weekly', date: '2026-12-07T09:00:00.000Z', part: 1, parts: 2, summary },
			{ period: 'weekly', date: '2026-12-07T09:00:00.000Z', part: 2, parts: 2, summary },
		]);
		await deliverer.close();
	});
});
