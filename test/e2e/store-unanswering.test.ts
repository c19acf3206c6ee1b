import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createClient } from '@keyv/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubscriptionBot, type SubscriptionBot } from './subscription-bot.ts';

/**
 * A Redis server of the test's own, password and all, frozen with SIGSTOP while the bot runs on
 * it: the bot's log must say which store stopped answering (its address, the password hidden)
 * and what to check, and the bot must carry on once the server answers again.
 */

const HAVE_REDIS = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
const PASSWORD = 'not-for-logs-0xb33f';

async function sparePort(): Promise<number> {
	const server = createServer().listen(0, '127.0.0.1');
	await once(server, 'listening');
	const { port } = server.address() as { port: number };
	server.close();
	await once(server, 'close');
	return port;
}

async function startRedis(url: string, port: number): Promise<ChildProcess> {
	const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--requirepass', PASSWORD], {
		stdio: 'ignore',
	});
	for (const deadline = Date.now() + 10_000; ;) {
		const client = createClient({ url, socket: { reconnectStrategy: false } });
		client.on('error', () => {});
		try {
			await client.connect();
			await client.close();
			return redis;
		} catch (error) {
			if (Date.now() > deadline) throw error;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}
}

describe.skipIf(!HAVE_REDIS)(`a store that stops answering${HAVE_REDIS ? '' : ' (skipped: redis-server is not installed)'}`, () => {
	let redis: ChildProcess;
	let setup: SubscriptionBot;
	let port: number;
	const events = () => setup.bot.logs.map((line) => line.event);

	beforeAll(async () => {
		port = await sparePort();
		const url = `redis://:${PASSWORD}@127.0.0.1:${port}`;
		redis = await startRedis(url, port);
		setup = await startSubscriptionBot({}, { STORAGE_URL: url });
	}, 30_000);

	afterAll(async () => {
		redis?.kill('SIGCONT');
		await setup?.stop();
		redis?.kill('SIGKILL');
	});

	it('is named, with its address and without its password, in one line saying what to check; the bot leads again once it answers', async () => {
		expect(events()).toContain('leadership_gained');
		redis.kill('SIGSTOP');
		const unreachable = () => setup.bot.logs.find((line) => line.event === 'lease_unreachable');
		await expect.poll(unreachable, { timeout: 15_000, interval: 250 }).toBeDefined();
		const location = `redis://:***@127.0.0.1:${port}`;
		expect(unreachable()).toMatchObject({
			store: location,
			msg:
				'cannot renew the leader lease, so this process stops posting until the store answers: ' +
				`the Redis server at ${location} did not answer within 5 s: ` +
				'is the Redis server running, and are the host, port, password and database number in STORAGE_URL right?',
		});
		await expect.poll(events, { timeout: 5_000 }).toContain('leadership_lost');

		redis.kill('SIGCONT');
		await expect.poll(() => events().filter((event) => event === 'leadership_gained').length, { timeout: 15_000 }).toBe(2);
		expect(setup.bot.rawLogs()).not.toContain(PASSWORD);
	}, 40_000);
});
