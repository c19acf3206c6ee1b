import { describe, expect, it } from 'vitest';
import { startPaperboy } from '../../src/app.ts';
import { createLogger } from '../../src/logger.ts';
import { parsePrometheus } from '../support/prometheus-text.ts';
import { redisServerMissing, startRedisServer } from '../support/redis-server.ts';
import { startBot, TEST_TOKEN, type BotHarness } from '../support/start-bot.ts';
import { useFreshSubscriptionBot } from './subscription-bot.ts';

const setup = useFreshSubscriptionBot(async () => {}, { METRICS_PORT: '0' });

const readyz = async (url: string) => {
	const response = await fetch(`${url}/readyz`);
	return { status: response.status, body: await response.json() };
};

/** The address the bot's latest start listens on (METRICS_PORT=0 picks a free port), from its log line. */
const latestMetricsUrl = (bot: BotHarness) => bot.logs.findLast((line) => line.event === 'metrics_listening')?.url as string | undefined;

describe('the readiness of a running bot', () => {
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

	it('is not ready while Discord’s gateway is gone, naming the shard', async () => {
		const url = setup.bot.paperboy.metricsUrl!;
		expect(await readyz(url)).toEqual({ status: 200, body: { ready: true } });
		// Discord vanishes: discord.js keeps trying to reconnect the shard.
		await setup.bot.discord.close();
		await expect
			.poll(async () => (await readyz(url)).body, { timeout: 10_000, interval: 100 })
			.toEqual({
				ready: false,
				reason: expect.stringMatching(
					/^the Discord gateway connection of shard 0 \((?:reconnecting|connecting|disconnected|identifying|resuming|idle)\) is down; discord.js is reconnecting$/,
				),
			});
	});
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
