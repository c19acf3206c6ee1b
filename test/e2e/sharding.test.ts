import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@keyv/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDS_DIR } from '../helpers.js';
import { FakeDiscord, type FakeMessage } from '../support/fake-discord/index.js';
import { paperCommand, TEST_TOKEN } from '../support/start-bot.js';
import { dropListing, listing } from './listings.js';
import { MANAGER } from './subscription-bot.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const REDIS = process.env.PAPERBOY_TEST_REDIS_URL;
let discord: FakeDiscord;
let manager: ChildProcess;
let root: string;
let papersDir: string;
let output = '';

const logLines = () => output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
const leaders = () => logLines().filter((line) => line.msg === 'this process leads: it takes in new papers and posts them').map((line) => String(line.owner));
const paperChannels = () => discord.guilds.map((guild) => guild.channels[0]!.id);
const postsIn = (channelId: string): FakeMessage[] => discord.channelMessages(channelId).filter((message) => (message.embeds ?? []).length > 0);

describe.skipIf(!REDIS)(`two shards on Redis${REDIS ? '' : ' (skipped: PAPERBOY_TEST_REDIS_URL is not set; source .ci/services.sh)'}`, () => {
	beforeAll(async () => {
		root = mkdtempSync(join(tmpdir(), 'paperboy-shards-'));
		papersDir = join(root, 'papers');
		mkdirSync(papersDir);
		copyFileSync(join(SEEDS_DIR, '000_e0245a0a4af11ce5.txt'), join(papersDir, '000_e0245a0a4af11ce5.txt'));
		discord = await FakeDiscord.start({ token: TEST_TOKEN, shards: 2, guilds: [{ name: 'Lab A', channels: [{ name: 'papers' }] }, { name: 'Lab B', channels: [{ name: 'papers' }] }] });
		// Database 1, apart from the storage suite's database 0 that runs alongside; emptied, as a new install's.
		const storage = `${REDIS!.replace(/\/\d*$/, '')}/1`;
		const redis = createClient({ url: storage });
		await redis.connect();
		await redis.flushDb();
		await redis.close();
		manager = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
			cwd: ROOT,
			env: { PATH: process.env.PATH!, DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: discord.apiUrl, SHARD_COUNT: 'auto', STORAGE_URL: storage, PAPERS_DIR: papersDir, INDEX_DIR: join(papersDir, '..', 'index'), HF_PAPERS_URL: '', ARXIV_FEED_URL: '', SEARCH_THREADS: '1' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		manager.stdout!.on('data', (chunk) => (output += chunk));
		manager.stderr!.on('data', (chunk) => (output += chunk));
		const deadline = Date.now() + 90_000;
		while (!logLines().some((line) => line.msg === 'every shard is ready')) {
			if (Date.now() > deadline || manager.exitCode !== null) throw new Error(`the shards did not get ready:\n${output}`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}, 120_000);

	afterAll(async () => {
		if (manager && manager.exitCode === null) {
			manager.kill('SIGTERM');
			await new Promise((resolve) => manager.once('exit', resolve));
		}
		await discord?.close();
		if (root) rmSync(root, { recursive: true, force: true });
	}, 30_000);

	it('runs two shards, each with its own guild, and answers every interaction once', async () => {
		expect(discord.identifies.map((identify) => identify.shard).sort()).toEqual([[0, 2], [1, 2]]);
		expect(discord.commands.global.map((command) => command.name)).toEqual(['paper']);
		for (const guild of discord.guilds) {
			const interaction = discord.dispatchInteraction({ type: 2, guildId: guild.id, data: paperCommand('about') });
			expect((await interaction.response()).type).toBe(4);
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
		const callbacks = discord.requests.filter((request) => request.path.includes('/interactions/') && request.path.endsWith('/callback'));
		expect(callbacks).toHaveLength(2);
		expect(leaders()).toHaveLength(1);
	}, 30_000);

	it('posts each new paper once in every subscribed guild, and keeps doing so after the leader is killed', async () => {
		for (const guild of discord.guilds) {
			const subscribe = discord.dispatchInteraction({ type: 2, guildId: guild.id, channelId: guild.channels[0]!.id, permissions: MANAGER, data: paperCommand('subscribe', [{ name: 'topic', value: 'quokka' }]) });
			await subscribe.response();
			expect((await subscribe.waitForEdit()).content).toMatch(/now follows `quokka`/);
		}
		dropListing(papersDir, '930_quokka.txt', listing('Jun 1', [{ title: 'Quokka Smiles as Social Signals', about: 'quokka facial expressions as social signals' }]));
		await expect.poll(() => paperChannels().map((id) => postsIn(id).length), { timeout: 20_000 }).toEqual([1, 1]);

		const [leader] = leaders();
		const pid = Number(/:(\d+):shard/.exec(leader!)![1]);
		process.kill(pid, 'SIGKILL');
		// The other shard takes the lease once it lapses; the manager restarts the killed one.
		await expect.poll(() => leaders().length, { timeout: 40_000, interval: 250 }).toBe(2);
		expect(leaders()[1]).not.toBe(leader);
		dropListing(papersDir, '931_quokka.txt', listing('Jun 2', [{ title: 'Quokka Foraging at Dusk', about: 'quokka foraging behaviour at dusk' }]));
		await expect.poll(() => paperChannels().map((id) => postsIn(id).length), { timeout: 30_000 }).toEqual([2, 2]);
		await new Promise((resolve) => setTimeout(resolve, 3_000));
		for (const id of paperChannels()) {
			expect(postsIn(id).map((message) => message.embeds![0]!.title)).toEqual(['Quokka Smiles as Social Signals', 'Quokka Foraging at Dusk']);
		}
	}, 120_000);

	it('stops every shard cleanly on SIGTERM', async () => {
		manager.kill('SIGTERM');
		const code = await new Promise<number | null>((resolve) => manager.once('exit', (exitCode) => resolve(exitCode)));
		expect(code).toBe(0);
		expect(logLines().filter((line) => line.msg === 'Paperboy stopped').length).toBeGreaterThanOrEqual(2);
	}, 30_000);
});
