import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@keyv/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDS_DIR } from '../helpers.ts';
import { FakeDiscord } from '../support/fake-discord/index.ts';
import { TEST_TOKEN } from '../support/start-bot.ts';
import { dropListing, listing } from './listings.ts';
import { answersEveryGuild, guildsOf, Host, postsIn, subscribeEveryGuild } from './hosts.ts';

const REDIS = process.env.PAPERBOY_TEST_REDIS_URL;

describe('shards in one process', () => {
	it('runs every shard Discord recommends through one client, one index and any storage', async () => {
		const discord = await FakeDiscord.start({ token: TEST_TOKEN, shards: 2, guilds: guildsOf(2) });
		const indexDir = mkdtempSync(join(tmpdir(), 'paperboy-index-'));
		const host = new Host({
			DISCORD_TOKEN: TEST_TOKEN,
			DISCORD_API_URL: discord.apiUrl,
			SHARD_COUNT: 'auto',
			STORAGE_URL: 'memory://',
			PAPERS_DIR: 'seeds',
			INDEX_DIR: indexDir,
			SEARCH_THREADS: '1',
		});
		try {
			await host.start();
			expect(discord.identifies.map((identify) => identify.shard).sort()).toEqual([
				[0, 2],
				[1, 2],
			]);
			await answersEveryGuild(discord);
			expect(host.logs().filter((line) => line.event === 'index_rebuilt')).toHaveLength(1);
		} finally {
			expect(await host.stop()).toBe(0);
			await discord.close();
			rmSync(indexDir, { recursive: true, force: true });
		}
	}, 120_000);
});

describe.skipIf(!REDIS)(
	`two hosts, one shard each, on Redis${REDIS ? '' : ' (skipped: PAPERBOY_TEST_REDIS_URL is not set; source .ci/services.sh)'}`,
	() => {
		let discord: FakeDiscord;
		let root: string;
		let papersDir: string;
		let hosts: Host[];
		const leaders = () => hosts.flatMap((host) => host.logs()).filter((line) => line.event === 'leadership_gained');
		const paperChannels = () => discord.guilds.map((guild) => guild.channels[0]!.id);

		beforeAll(async () => {
			root = mkdtempSync(join(tmpdir(), 'paperboy-shards-'));
			papersDir = join(root, 'papers');
			mkdirSync(papersDir);
			copyFileSync(join(SEEDS_DIR, '000_e0245a0a4af11ce5.txt'), join(papersDir, '000_e0245a0a4af11ce5.txt'));
			discord = await FakeDiscord.start({ token: TEST_TOKEN, shards: 2, guilds: guildsOf(2) });
			// Database 1, apart from the storage suite's database 0 that runs alongside; emptied, as a new install's.
			const storage = `${REDIS!.replace(/\/\d*$/, '')}/1`;
			const redis = createClient({ url: storage });
			await redis.connect();
			await redis.flushDb();
			await redis.close();
			const env = {
				DISCORD_TOKEN: TEST_TOKEN,
				DISCORD_API_URL: discord.apiUrl,
				SHARD_COUNT: '2',
				STORAGE_URL: storage,
				PAPERS_DIR: papersDir,
				SEARCH_THREADS: '1',
			};
			// Each host keeps its own index snapshot, as separate machines would.
			hosts = [0, 1].map((shard) => new Host({ ...env, SHARDS: String(shard), INDEX_DIR: join(root, `index-${shard}`) }));
			await Promise.all(hosts.map((host) => host.start()));
		}, 120_000);

		afterAll(async () => {
			await Promise.all((hosts ?? []).map((host) => host.stop()));
			await discord?.close();
			if (root) rmSync(root, { recursive: true, force: true });
		}, 30_000);

		it('runs each shard on its host, registers the commands once and answers every interaction once', async () => {
			expect(discord.identifies.map((identify) => identify.shard).sort()).toEqual([
				[0, 2],
				[1, 2],
			]);
			expect(discord.commands.global.map((command) => command.name)).toEqual(['paper', 'channel']);
			await answersEveryGuild(discord);
			await new Promise((resolve) => setTimeout(resolve, 500));
			const callbacks = discord.requests.filter((request) => request.path.includes('/interactions/') && request.path.endsWith('/callback'));
			expect(callbacks).toHaveLength(2);
			expect(leaders()).toHaveLength(1);
		}, 30_000);

		it('posts each new paper once in every subscribed guild, and keeps doing so after the leading host is killed and comes back', async () => {
			await subscribeEveryGuild(discord, 'quokka');
			dropListing(
				papersDir,
				'930_quokka.txt',
				listing('Jun 1', [{ title: 'Quokka Smiles as Social Signals', about: 'quokka facial expressions as social signals' }]),
			);
			await expect.poll(() => paperChannels().map((id) => postsIn(discord, id).length), { timeout: 20_000 }).toEqual([1, 1]);

			const leading = hosts.find((host) => host.logs().some((line) => line.event === 'leadership_gained'))!;
			await leading.stop('SIGKILL');
			// The other host takes the lease once it lapses.
			await expect.poll(() => leaders().length, { timeout: 40_000, interval: 250 }).toBe(2);
			dropListing(
				papersDir,
				'931_quokka.txt',
				listing('Jun 2', [{ title: 'Quokka Foraging at Dusk', about: 'quokka foraging behaviour at dusk' }]),
			);
			await expect.poll(() => paperChannels().map((id) => postsIn(discord, id).length), { timeout: 60_000 }).toEqual([2, 2]);
			// Its supervisor (systemd, Docker) starts the killed host again: its shard's guild is answered again.
			await leading.start();
			await answersEveryGuild(discord);
			await new Promise((resolve) => setTimeout(resolve, 3_000));
			for (const id of paperChannels()) {
				expect(postsIn(discord, id).map((message) => message.embeds[0]!.title)).toEqual([
					'Quokka Smiles as Social Signals',
					'Quokka Foraging at Dusk',
				]);
			}
		}, 150_000);

		it('stops every host cleanly on SIGTERM', async () => {
			expect(await Promise.all(hosts.map((host) => host.stop()))).toEqual([0, 0]);
			for (const host of hosts) expect(host.logs().some((line) => line.event === 'stopped')).toBe(true);
		}, 30_000);
	},
);
