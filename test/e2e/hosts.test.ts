import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InteractionResponseType } from 'discord.js';
import { createClient } from '@keyv/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDS_DIR } from '../helpers.ts';
import { FakeDiscord } from '../support/fake-discord/index.ts';
import { shardOf } from '../support/fake-discord/snowflake.ts';
import { HostNetwork, hostNetworkUnavailable } from '../support/host-network.ts';
import { TEST_TOKEN } from '../support/start-bot.ts';
import { aboutAnswer, guildsOf, Host, postsIn, subscribeEveryGuild } from './hosts.ts';
import { dropListing, listing } from './listings.ts';

/**
 * Two machines, each running its part of the shards, sharing Redis on a third: Linux network
 * namespaces on one bridge, with the fake Discord on the test's side of it. The leading host's
 * link is cut (a partition, not a crash: the process lives on, unheard), then restored.
 */

// The leader renews its lease every 3 s and a lapsed one is taken at the next try (src/leadership.ts defaults).
const LEASE_MS = 10_000;
const RENEW_MS = 3_000;
// Discord answers an interaction that gets no reply within 3 s with "This interaction failed".
const INTERACTION_MS = 3_000;
const ANSWERED = InteractionResponseType.ChannelMessageWithSource;

const unavailable =
	hostNetworkUnavailable() ??
	(spawnSync('redis-server', ['--version']).error ? 'redis-server is not installed (source .ci/services.sh installs it)' : undefined);
if (unavailable) console.warn(`hosts.test.ts skipped: ${unavailable}`);

const papers = [
	{ title: 'Quokka Smiles as Social Signals', about: 'quokka facial expressions as social signals' },
	{ title: 'Quokka Foraging at Dusk', about: 'quokka foraging behaviour at dusk' },
	{ title: 'Quokka Burrows after Bushfires', about: 'quokka burrow use after bushfires' },
	{ title: 'Quokka Joeys in the Pouch', about: 'quokka joey development in the pouch' },
];
const titles = (count: number) =>
	papers
		.slice(0, count)
		.map((paper) => paper.title)
		.sort();

describe.skipIf(unavailable)(`shards on two hosts sharing Redis on a third${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
	let network: HostNetwork;
	let redis: ChildProcess;
	let discord: FakeDiscord;
	let root: string;
	const hosts = new Map<'a' | 'b', Host>();
	const folders = (['a', 'b'] as const).map((name) => () => join(root, name, 'papers'));
	/** A listing lands in every host's papers folder, as a shared feed or a synced folder would bring it. */
	const arrives = (index: number) => {
		for (const folder of folders) dropListing(folder(), `93${index}_quokka.txt`, listing(`Jun ${index + 1}`, [papers[index]!]));
	};
	const shardEventsOf = (host: Host) => host.logs().flatMap((line) => (String(line.event).startsWith('shard_') ? [line.event] : []));
	const gained = (host: Host) => host.logs().filter((line) => line.event === 'leadership_gained');
	const channels = () => discord.guilds.map((guild) => guild.channels[0]!.id);
	/** The papers posted in each channel, sorted: the order is the hosts' business, the count is the point. */
	const everyChannel = () =>
		channels().map((id) =>
			postsIn(discord, id)
				.map((message) => message.embeds[0]!.title!)
				.sort(),
		);
	const other = (name: 'a' | 'b') => (name === 'a' ? 'b' : 'a');
	/** The guild on each host's shard (shard 0 on a, 1 on b). */
	const guildOn = (name: 'a' | 'b') => discord.guilds.find((guild) => shardOf(guild.id, 2) === (name === 'a' ? 0 : 1))!.id;
	let cut: 'a' | 'b';

	beforeAll(async () => {
		network = HostNetwork.create(['a', 'b', 'redis']);
		root = mkdtempSync(join(tmpdir(), 'paperboy-hosts-'));
		// A Redis other machines reach needs a password (without one it answers only its own loopback).
		const storage = `redis://:between-hosts@${network.address('redis')}:6379`;
		const server = [
			'--bind',
			network.address('redis'),
			'--port',
			'6379',
			'--requirepass',
			'between-hosts',
			'--save',
			'',
			'--appendonly',
			'no',
		];
		const [command, ...args] = network.on('redis', 'redis-server', ...server);
		redis = spawn(command!, args, { cwd: root, stdio: 'ignore' });
		const probe = createClient({ url: storage, socket: { reconnectStrategy: 100 } });
		probe.on('error', () => {});
		await probe.connect();
		await probe.close();
		discord = await FakeDiscord.start({
			token: TEST_TOKEN,
			shards: 2,
			guilds: guildsOf(2),
			host: network.gateway,
			// Discord's 41 s would find a cut connection dead only after a minute or more.
			heartbeatInterval: 2_000,
		});
		for (const [shard, name] of (['a', 'b'] as const).entries()) {
			mkdirSync(folders[shard]!(), { recursive: true });
			copyFileSync(join(SEEDS_DIR, '000_e0245a0a4af11ce5.txt'), join(folders[shard]!(), '000_e0245a0a4af11ce5.txt'));
			const env = {
				DISCORD_TOKEN: TEST_TOKEN,
				DISCORD_API_URL: discord.apiUrl,
				SHARD_COUNT: '2',
				SHARDS: String(shard),
				STORAGE_URL: storage,
				PAPERS_DIR: folders[shard]!(),
				INDEX_DIR: join(root, name, 'index'),
				SEARCH_THREADS: '1',
				HF_PAPERS_URL: '',
				ARXIV_FEED_URL: '',
			};
			hosts.set(name, new Host(env, network.on(name)));
		}
		await Promise.all([...hosts.values()].map((host) => host.start()));
	}, 120_000);

	afterAll(async () => {
		await Promise.all(
			[...hosts.values()].map(async (host) => {
				const killer = setTimeout(() => host.child.kill('SIGKILL'), 10_000);
				await host.stop();
				clearTimeout(killer);
			}),
		);
		if (redis && redis.exitCode === null) {
			redis.kill('SIGKILL');
			await once(redis, 'exit');
		}
		await discord?.close();
		network?.destroy();
		if (root) rmSync(root, { recursive: true, force: true });
	}, 30_000);

	it('runs shard 0 on one host and shard 1 on the other, one of them leading', async () => {
		expect(discord.identifies.map((identify) => identify.shard).sort()).toEqual([
			[0, 2],
			[1, 2],
		]);
		for (const name of ['a', 'b'] as const) expect(await aboutAnswer(discord, guildOn(name))).toBe(ANSWERED);
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect([...hosts.values()].flatMap(gained)).toHaveLength(1);
	});

	it("takes over delivery within the lease when the leader's link is cut mid-post, losing and doubling nothing", async () => {
		await subscribeEveryGuild(discord, 'quokka');
		arrives(0);
		await expect.poll(everyChannel, { timeout: 20_000 }).toEqual([titles(1), titles(1)]);

		cut = [...hosts].find(([, host]) => gained(host).length > 0)![0];
		const heir = hosts.get(other(cut))!;
		// The leader's post reaches Discord, and then its link goes: it never hears that the post went out.
		const held = discord.holdNext({ method: 'POST', path: `/channels/${channels()[0]}/messages` });
		arrives(1);
		await held.reached;
		const cutAt = Date.now();
		network.cut(cut);
		held.release();
		arrives(2);
		await expect.poll(() => gained(heir).length, { timeout: LEASE_MS + RENEW_MS + 5_000, interval: 100 }).toBe(1);
		const takeoverMs = (gained(heir)[0]!.time as number) - cutAt;
		await expect.poll(everyChannel, { timeout: 20_000 }).toEqual([titles(3), titles(3)]);
		// It found the post the cut leader had made but not recorded, and did not send it again.
		expect(heir.logs()).toContainEqual(expect.objectContaining({ event: 'delivery_already_posted', channel: channels()[0] }));
		console.info(`takeover: the other host led ${takeoverMs} ms after the cut; every paper was posted ${Date.now() - cutAt} ms after it`);
		expect(takeoverMs).toBeLessThanOrEqual(LEASE_MS + RENEW_MS + 2_000);

		// The cut host's servers go unanswered; the other host's are answered as before.
		await expect(aboutAnswer(discord, guildOn(cut), INTERACTION_MS)).rejects.toThrow(/FakeDiscord/);
		expect(await aboutAnswer(discord, guildOn(other(cut)))).toBe(ANSWERED);
	}, 60_000);

	it("answers the cut host's servers again once its link is back, through discord.js's own reconnect", async () => {
		const back = hosts.get(cut)!;
		const backAt = Date.now();
		network.reconnect(cut);
		await expect
			.poll(() => aboutAnswer(discord, guildOn(cut), INTERACTION_MS).catch(() => undefined), { timeout: 60_000, interval: 0 })
			.toBe(ANSWERED);
		expect(shardEventsOf(back)).toEqual(['shard_reconnecting', 'shard_reconnected']);
		expect(back.logs().map((line) => line.event)).toContain('leadership_lost');
		const reconnected = back.logs().find((line) => line.event === 'shard_reconnected')!;
		console.info(
			`reconnect: the cut host's shard ${String(reconnected.how)} ${(reconnected.time as number) - backAt} ms after its link came back`,
		);

		arrives(3);
		await expect.poll(everyChannel, { timeout: 20_000 }).toEqual([titles(4), titles(4)]);
		expect(gained(back)).toHaveLength(1);
	}, 90_000);

	it('stops both hosts cleanly, and then every channel holds every paper once', async () => {
		// The follower first, so that the lease is not handed over on the way out. A clean stop waits
		// for whatever the returning host still had in flight: nothing of it can land later.
		expect(await hosts.get(cut)!.stop()).toBe(0);
		expect(await hosts.get(other(cut))!.stop()).toBe(0);
		expect(everyChannel()).toEqual([titles(4), titles(4)]);
		// Logging out is no outage: the only one logged is the cut host's.
		const shardEvents = (name: 'a' | 'b') => shardEventsOf(hosts.get(name)!);
		expect([shardEvents(cut), shardEvents(other(cut))]).toEqual([['shard_reconnecting', 'shard_reconnected'], []]);
	}, 30_000);
});
