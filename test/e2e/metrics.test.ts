import { InteractionType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { startPaperboy } from '../../src/app.ts';
import { createLogger } from '../../src/logger.ts';
import { parsePrometheus, scrape } from '../support/prometheus-text.ts';
import { redisServerMissing, startRedisServer } from '../support/redis-server.ts';
import { commandData, finalAnswer, startBot, TEST_TOKEN, type BotHarness } from '../support/start-bot.ts';
import { dropListing, listing } from './listings.ts';
import { MANAGER, MEMBER_PERMISSIONS, useFreshSubscriptionBot } from './subscription-bot.ts';

const setup = useFreshSubscriptionBot(async () => {}, { METRICS_PORT: '0' });

const readyz = async (url: string) => {
	const response = await fetch(`${url}/readyz`);
	return { status: response.status, body: await response.json() };
};

/** The address the bot's latest start listens on (METRICS_PORT=0 picks a free port), from its log line. */
const latestMetricsUrl = (bot: BotHarness) => bot.logs.findLast((line) => line.event === 'metrics_listening')?.url as string | undefined;

describe('health and metrics of a running bot', () => {
	it('is not ready until it is connected to Discord, then ready', async () => {
		expect(await readyz(setup.bot.paperboy.metricsUrl!)).toEqual({ status: 200, body: { ready: true } });
		// A restart whose login waits on Discord: the server answers meanwhile, saying what it waits for.
		const login = setup.bot.discord.holdNext({ method: 'GET', path: '/gateway/bot' });
		const first = latestMetricsUrl(setup.bot);
		const restarted = setup.bot.restart();
		await login.reached;
		const url = latestMetricsUrl(setup.bot)!;
		expect(url).not.toBe(first);
		expect(await readyz(url)).toEqual({ status: 503, body: { ready: false, reason: 'connecting to Discord' } });
		expect((await fetch(`${url}/healthz`)).status).toBe(200);
		login.release();
		await restarted;
		expect(setup.bot.paperboy.metricsUrl).toBe(url);
		expect(await readyz(url)).toEqual({ status: 200, body: { ready: true } });
		// Stopped, it serves nothing: the port is closed with the rest.
		await setup.bot.paperboy.stop();
		await expect(fetch(`${url}/healthz`)).rejects.toThrow();
	}, 30_000);

	it('refuses to start on a metrics port another process holds, saying which variables to change', async () => {
		const port = new URL(setup.bot.paperboy.metricsUrl!).port;
		const logger = createLogger('silent');
		await expect(startPaperboy({ DISCORD_TOKEN: TEST_TOKEN, STORAGE_URL: 'memory://', METRICS_PORT: port }, { logger })).rejects.toThrow(
			`cannot serve health and metrics on METRICS_HOST:METRICS_PORT (127.0.0.1:${port}): another program (perhaps another Paperboy) listens there`,
		);
		expect(await readyz(setup.bot.paperboy.metricsUrl!)).toEqual({ status: 200, body: { ready: true } });
	});

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

describe.skipIf(redisServerMissing())('readiness when the store stops answering', () => {
	it('goes 503 naming the store (a real Redis, frozen) and comes back when it answers again', async () => {
		const redis = await startRedisServer();
		let bot: BotHarness | undefined;
		try {
			bot = await startBot({ STORAGE_URL: redis.url, METRICS_PORT: '0', SEARCH_THREADS: '1' });
			const url = bot.paperboy.metricsUrl!;
			expect(await readyz(url)).toEqual({ status: 200, body: { ready: true } });
			// SIGSTOP: the server keeps its connections but answers nothing, as a hung or partitioned store does.
			redis.process.kill('SIGSTOP');
			await expect
				.poll(() => readyz(url), { timeout: 10_000, interval: 250 })
				.toEqual({ status: 503, body: { ready: false, reason: `the store at ${redis.url} does not answer within 2 s` } });
			// Scrapes go on answering meanwhile, with the store's write still waiting.
			expect((await readyz(url)).body).toMatchObject({ reason: expect.stringMatching(/does not answer/) });
			expect(parsePrometheus(await (await fetch(`${url}/metrics`)).text()).value('paperboy_papers')).toBeGreaterThan(0);
			redis.process.kill('SIGCONT');
			await expect.poll(() => readyz(url), { timeout: 15_000, interval: 250 }).toEqual({ status: 200, body: { ready: true } });
		} finally {
			redis.process.kill('SIGCONT');
			await bot?.stop();
			await redis.stop();
		}
	}, 60_000);
});
