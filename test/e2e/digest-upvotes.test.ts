import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WEEKDAYS } from '../../src/subscriptions/subscriptions.ts';
import { ok, startFeedServer, type FeedServer } from '../sources/http/feed-server.ts';
import { startSubscriptionBot, titles, type SubscriptionBot } from './subscription-bot.ts';

let feed: FeedServer;
let setup: SubscriptionBot;

beforeEach(async () => {
	// Empty at the first start, so the papers published later are new, not the baseline.
	feed = await startFeedServer(ok('[]'));
	setup = await startSubscriptionBot({}, { HF_PAPERS_URL: `${feed.url}/api/daily_papers`, SOURCE_POLL_MINUTES: '0.05' });
}, 30_000);
afterEach(async () => {
	await setup?.stop();
	await feed?.close();
});

/** A daily-papers item as Hugging Face answers it; `upvotes` left out when undefined, as for a paper nobody voted on yet. */
const item = (id: string, title: string, upvotes?: number) => ({
	paper: {
		id,
		title,
		summary: 'We study the wombat and its burrows.',
		authors: [{ name: 'A. Author' }],
		...(upvotes === undefined ? {} : { upvotes }),
	},
	publishedAt: new Date().toISOString(),
	title,
});

describe('a digest of Hugging Face papers', () => {
	it('lists papers that match as strongly by their upvotes, kept in the store across a restart', async () => {
		const digestTime = new Date(Date.now() + 2 * 24 * 60 * 60_000);
		digestTime.setUTCMinutes(1, 0, 0);
		await setup.answer('/channel digest', setup.papers, [
			{ name: 'mode', value: 'weekly' },
			{ name: 'day', value: WEEKDAYS[(digestTime.getUTCDay() + 6) % 7]! },
			{ name: 'hour', value: digestTime.getUTCHours() },
		]);
		await setup.answer('/channel subscribe', setup.papers, [{ name: 'topic', value: 'wombat' }]);
		// Each names the topic in its abstract only: they match as strongly, and the upvotes decide.
		feed.fallback = ok(
			JSON.stringify([
				item('2412.00001', 'Burrow Depth in Temperate Soils', 5),
				item('2412.00002', 'Marsupial Night Foraging'),
				item('2412.00003', 'Digging Claws of Herbivores', 50),
			]),
		);
		await expect
			.poll(async () => (await setup.bot.paperboy.context.feeds.overview(setup.papers)).delivery?.queued.length, { timeout: 15_000 })
			.toBe(3);
		feed.fallback = ok('[]');

		await setup.bot.restart({ now: () => digestTime });
		await expect.poll(() => setup.postsIn(setup.papers).length, { timeout: 10_000 }).toBe(1);
		const [digest] = setup.postsIn(setup.papers);
		expect(digest!.content).toMatch(/^\*\*Weekly paper digest, .+\*\*: 3 new papers \(3 for `wombat`\)$/);
		expect(titles(digest!)).toEqual(['Digging Claws of Herbivores', 'Burrow Depth in Temperate Soils', 'Marsupial Night Foraging']);
	}, 60_000);
});
