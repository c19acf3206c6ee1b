import { describe, expect, it } from 'vitest';
import { FakeDiscord } from '../support/fake-discord/index.ts';
import { redisServerMissing, startRedisServer } from '../support/redis-server.ts';
import { logLines, runMain } from '../support/run-main.ts';
import { TEST_TOKEN } from '../support/start-bot.ts';

const missing = redisServerMissing();
if (missing) console.warn(`stop deadline tests skipped: ${missing}`);

describe.skipIf(missing)('a stop while the store does not answer', () => {
	it('leaves within the deadline with one line naming the store, instead of hanging until TCP gives up', async () => {
		const discord = await FakeDiscord.start({ token: TEST_TOKEN });
		const redis = await startRedisServer();
		try {
			const { child, output, exited } = runMain({
				DISCORD_TOKEN: TEST_TOKEN,
				DISCORD_API_URL: discord.apiUrl,
				STORAGE_URL: redis.url,
				LOG_LEVEL: 'info',
			});
			await expect.poll(() => logLines(output.stdout).map((line) => line.event), { timeout: 30_000 }).toContain('ready');
			redis.process.kill('SIGSTOP');
			const asked = Date.now();
			child.kill('SIGTERM');
			expect(await exited).toEqual([1, null]);
			const tookMs = Date.now() - asked;
			expect(tookMs).toBeGreaterThanOrEqual(8_000);
			expect(tookMs).toBeLessThan(20_000);
			const line = logLines(output.stdout).find((entry) => entry.event === 'stop_timed_out');
			expect(line).toMatchObject({ level: 50, storage: redis.url });
			expect(line?.msg).toContain(`is the store at ${redis.url} answering?`);
		} finally {
			await redis.stop();
			await discord.close();
		}
	}, 60_000);
});
