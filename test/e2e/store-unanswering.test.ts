import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisServerMissing, startRedisServer } from '../support/redis-server.ts';
import { startSubscriptionBot, type SubscriptionBot } from './subscription-bot.ts';

/**
 * A Redis server of the test's own, password and all, frozen with SIGSTOP while the bot runs on
 * it: the bot's log must say which store stopped answering (its address, the password hidden)
 * and what to check, and the bot must carry on once the server answers again.
 */

const PASSWORD = 'not-for-logs-0xb33f';

describe.skipIf(redisServerMissing())('a store that stops answering', () => {
	let redis: Awaited<ReturnType<typeof startRedisServer>>;
	let setup: SubscriptionBot;
	const events = () => setup.bot.logs.map((line) => line.event);

	beforeAll(async () => {
		redis = await startRedisServer({ password: PASSWORD });
		setup = await startSubscriptionBot({}, { STORAGE_URL: redis.url });
	}, 30_000);

	afterAll(async () => {
		redis?.process.kill('SIGCONT');
		await setup?.stop();
		await redis?.stop();
	});

	it('is named, with its address and without its password, in one line saying what to check; the bot leads again once it answers', async () => {
		expect(events()).toContain('leadership_gained');
		redis.process.kill('SIGSTOP');
		const unreachable = () => setup.bot.logs.find((line) => line.event === 'lease_unreachable');
		await expect.poll(unreachable, { timeout: 15_000, interval: 250 }).toBeDefined();
		const location = `redis://:***@127.0.0.1:${redis.port}`;
		expect(unreachable()).toMatchObject({
			store: location,
			msg:
				'cannot renew the leader lease, so this process stops posting until the store answers: ' +
				`the Redis server at ${location} did not answer within 5 s: ` +
				'is the Redis server running, and are the host, port, password and database number in STORAGE_URL right?',
		});
		await expect.poll(events, { timeout: 5_000 }).toContain('leadership_lost');

		redis.process.kill('SIGCONT');
		await expect.poll(() => events().filter((event) => event === 'leadership_gained').length, { timeout: 15_000 }).toBe(2);
		expect(setup.bot.rawLogs()).not.toContain(PASSWORD);
	}, 40_000);
});
