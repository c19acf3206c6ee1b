import { InteractionType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { scrape } from '../support/prometheus-text.ts';
import { redisServerMissing, startRedisServer } from '../support/redis-server.ts';
import { commandData, finalAnswer, startBot, type BotHarness } from '../support/start-bot.ts';
import { dropListing, listing } from './listings.ts';
import { MANAGER, MEMBER_PERMISSIONS, useFreshSubscriptionBot } from './subscription-bot.ts';

const setup = useFreshSubscriptionBot(async () => {}, { METRICS_PORT: '0' });

describe('the metrics of a running bot', () => {
	it('counts interactions, searches and posts, and reports the library, the leader and the queue', async () => {
		const url = setup.bot.paperboy.metricsUrl!;
		const search = await setup.answer('/paper search', setup.papers, [{ name: 'query', value: 'grokking' }], MEMBER_PERMISSIONS);
		expect(search.embeds?.length).toBeGreaterThan(0);
		// Refused: the member lacks Manage Channels.
		await setup.command('/channel subscribe', setup.papers, [{ name: 'topic', value: 'grokking' }], MEMBER_PERMISSIONS).response();
		expect((await setup.answer('/channel subscribe', setup.papers, [{ name: 'topic', value: 'grokking' }])).content).toMatch(/now follows/);
		// The post is held at Discord: meanwhile it is in the queue, being sent, and not yet counted.
		const post = setup.bot.discord.holdNext({ method: 'POST', path: `/channels/${setup.papers}/messages` });
		dropListing(
			setup.papersDir,
			'900_new.txt',
			listing('Mar 20', [{ title: 'Grokking Modular Arithmetic in Tiny Transformers', about: 'grokking in small transformers' }]),
		);
		await post.reached;
		const sending = await scrape(url);
		expect(sending.value('paperboy_delivery_queue', { state: 'sending' })).toBe(1);
		expect(sending.value('paperboy_posts_total', { outcome: 'posted' })).toBe(0);
		post.release();
		const queue = async () => (await scrape(url)).samples('paperboy_delivery_queue').map(({ labels, value }) => [labels.state, value]);
		await expect.poll(queue, { timeout: 5_000 }).toEqual([
			['queued', 0],
			['sending', 0],
			['retrying', 0],
			['paused', 0],
		]);
		expect(setup.postsIn(setup.papers)).toHaveLength(1);

		const metrics = await scrape(url);
		const interactions = (command: string, outcome: string) =>
			metrics.value('paperboy_interactions_total', { kind: 'command', command, outcome });
		expect(interactions('/paper search', 'ok')).toBe(1);
		expect(interactions('/channel subscribe', 'ok')).toBe(1);
		expect(interactions('/channel subscribe', 'user_error')).toBe(1);
		expect(metrics.value('paperboy_interaction_seconds_count', { kind: 'command', command: '/paper search' })).toBe(1);
		// The search, and the subscription's preview of what the topic catches.
		expect(metrics.value('paperboy_search_seconds_count', { operation: 'search' })).toBe(2);
		expect(metrics.value('paperboy_papers')).toBe((await setup.bot.paperboy.context.search.stats()).papers);
		expect(metrics.value('paperboy_papers')).toBeGreaterThan(1);
		expect(metrics.value('paperboy_leader')).toBe(1);
		expect(metrics.value('paperboy_posts_total', { outcome: 'posted' })).toBe(1);
		expect(metrics.value('paperboy_posts_total', { outcome: 'failed' })).toBe(0);
		expect(metrics.value('process_resident_memory_bytes')).toBeGreaterThan(0);
	});
});

describe('rate limits', () => {
	it('counts each wait discord.js makes for Discord’s rate limit, as the log does', async () => {
		const bot = await startBot({ METRICS_PORT: '0' }, { messageRateLimit: { limit: 1, windowMs: 1_000 } });
		try {
			const papers = bot.discord.channel('papers').id;
			const subscribe = (topic: string) =>
				finalAnswer(
					bot.discord.dispatchInteraction({
						type: InteractionType.ApplicationCommand,
						channelId: papers,
						permissions: MANAGER,
						data: commandData('/channel subscribe', [
							{ name: 'topic', value: topic },
							{ name: 'backfill', value: 1 },
						]),
					}),
				);
			// Two posts at once to a channel that takes one a second: discord.js holds the second back.
			await Promise.all([subscribe('grokking'), subscribe('diffusion')]);
			await bot.discord.waitForChannelMessages(papers, 2, 10_000);
			const waits = bot.logs.filter((line) => line.event === 'rate_limited').length;
			expect(waits).toBeGreaterThan(0);
			expect((await scrape(bot.paperboy.metricsUrl!)).value('paperboy_rate_limited_total')).toBe(waits);
		} finally {
			await bot.stop();
		}
	}, 30_000);
});

describe.skipIf(redisServerMissing())('processes sharing a store', () => {
	it('each serve their own metrics, one of them the leader', async () => {
		const redis = await startRedisServer();
		const bots: BotHarness[] = [];
		try {
			for (let i = 0; i < 2; i++) bots.push(await startBot({ STORAGE_URL: redis.url, METRICS_PORT: '0', SEARCH_THREADS: '1' }));
			const [first, second] = await Promise.all(bots.map((bot) => scrape(bot.paperboy.metricsUrl!)));
			// The first to start took the lease; the second waits for it, answering interactions meanwhile.
			expect([first!.value('paperboy_leader'), second!.value('paperboy_leader')]).toEqual([1, 0]);
			expect(second!.value('paperboy_papers')).toBe(first!.value('paperboy_papers'));
		} finally {
			for (const bot of bots) await bot.stop();
			await redis.stop();
		}
	}, 60_000);
});
