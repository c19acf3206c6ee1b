/**
 * `npm run bench:subscriptions` (part of `npm run bench`): topic matching at scale, 1,000 new
 * papers against 10,000 channels with 3 topics each, on a real SQLite store; then delivery
 * throughput to the fake Discord on 127.0.0.1 with Discord-like per-channel rate limits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { REST } from 'discord.js';
import { DiscordSink } from '../src/bot/discord-sink.ts';
import { DeliveryLedger, type QueuedPost } from '../src/delivery/delivery-ledger.ts';
import { Deliverer } from '../src/delivery/deliverer.ts';
import { createLogger } from '../src/logger.ts';
import { loadLibrary } from '../src/papers/load-listings.ts';
import type { Paper } from '../src/papers/paper.ts';
import { isStopword, terms } from '../src/search/tokenize.ts';
import { openStorage } from '../src/storage/storage.ts';
import { Subscriptions } from '../src/subscriptions/subscriptions.ts';
import { TopicMatcher } from '../src/subscriptions/topic-matcher.ts';
import { knownWords, parseTopic, type Topic } from '../src/subscriptions/topic.ts';
import { buildSearchEngine } from '../src/search/build.ts';
import { parseQuery } from '../src/search/query.ts';
import { FakeDiscord } from '../test/support/fake-discord/index.ts';
import { TEST_TOKEN } from '../test/support/start-bot.ts';
import { writeSyntheticCorpus } from './corpus.ts';
import { ms, timed } from './measure.ts';
import { mulberry32, type Random } from './random.ts';

const CHANNELS = 10_000;
const TOPICS_PER_CHANNEL = 3;
const NEW_PAPERS = 1_000;
const seeds = new URL('../seeds/', import.meta.url).pathname;
const quiet = createLogger('warn', new Writable({ write: (_chunk, _encoding, done) => done() }));

/**
 * Topics as members write them ("continual learning", "grokking", "\"preference optimization\"
 * -survey"): two or three words standing together in a real title, or one distinctive word;
 * some quoted, some excluding surveys.
 */
function makeTopic(random: Random, segments: readonly string[][]): string {
	const roll = random();
	let words = segments[Math.floor(random() * segments.length)]!;
	while (words.length === 1 && words[0]!.length < 8) words = segments[Math.floor(random() * segments.length)]!;
	const start = Math.floor(random() * Math.max(1, words.length - 1));
	const picked = words.slice(start, start + 2 + Math.floor(random() * 2));
	const text = roll < 0.2 && picked.length > 1 ? `"${picked.join(' ')}"` : picked.join(' ');
	return roll > 0.85 ? `${text} -survey` : text;
}

/** Runs of a title's words between stopwords: "scaling laws", "tokenizer vocabulary size". */
function titleSegments(title: string): string[][] {
	const segments: string[][] = [[]];
	for (const term of terms(title)) {
		if (isStopword(term) || /^\d+$/.test(term)) segments.push([]);
		else segments.at(-1)!.push(term);
	}
	return segments.filter((segment) => segment.length > 0);
}

/**
 * Candidate topics split by how much of the earlier papers they catch. A topic catching more
 * than MAX_SHARE of all papers ("language models" in an ML corpus) is a firehose no group keeps
 * for long; the main measure uses followable topics, the firehose mix shows the worst case.
 */
const MAX_SHARE = 0.02;

function topicPools(random: Random, segments: readonly string[][], earlier: readonly Paper[]): { followable: Topic[]; all: Topic[] } {
	// Topics are parsed as /channel subscribe parses them: with what the index knows of each word.
	const engine = buildSearchEngine(earlier);
	const topics = new Map<string, Topic>();
	const all = Array.from({ length: 20_000 }, () => {
		const text = makeTopic(random, segments);
		let topic = topics.get(text);
		if (!topic) topics.set(text, (topic = parseTopic(text, knownWords(engine.expand(parseQuery(text), false)))));
		return topic;
	});
	const probe = new TopicMatcher();
	const distinct = [...topics.values()];
	distinct.forEach((topic, i) => probe.setChannel(String(i), [topic]));
	const caught = new Map<Topic, number>();
	for (const [i, posts] of probe.matchChannels(earlier)) caught.set(distinct[Number(i)]!, posts.length);
	return { followable: all.filter((topic) => (caught.get(topic) ?? 0) <= MAX_SHARE * earlier.length), all };
}

/** Matching alone, in memory, for a topic mix; returns the time and the paper→channel matches. */
function matchInMemory(papers: readonly Paper[], pool: readonly Topic[], random: Random): { ms: number; pairs: number } {
	const matcher = new TopicMatcher();
	for (let c = 0; c < CHANNELS; c++) {
		const topics = new Map(
			Array.from({ length: TOPICS_PER_CHANNEL }, () => pool[Math.floor(random() * pool.length)]!).map((topic) => [topic.key, topic]),
		);
		matcher.setChannel(String(c), [...topics.values()]);
	}
	const start = performance.now();
	const byChannel = matcher.matchChannels(papers);
	const ms = performance.now() - start;
	return { ms, pairs: [...byChannel.values()].reduce((sum, posts) => sum + posts.length, 0) };
}

async function matching(papers: readonly Paper[], pool: readonly Topic[], random: Random): Promise<string[]> {
	const dir = mkdtempSync(join(tmpdir(), 'paperboy-bench-'));
	try {
		const url = `sqlite://${join(dir, 'paperboy.sqlite')}`;
		const writing = await openStorage(url);
		const subscriptions = await Subscriptions.load(writing);
		const { ms: subscribeMs } = await timed(async () => {
			for (let c = 0; c < CHANNELS; c++) {
				const place = { channelId: String(100_000_000_000_000_000n + BigInt(c)), guildId: '1' };
				for (let t = 0; t < TOPICS_PER_CHANNEL; t++)
					await subscriptions.subscribe(place, pool[Math.floor(random() * pool.length)]!, 'bench').catch(() => {});
			}
		});
		await writing.close();
		const storage = await openStorage(url);
		const { value: loaded, ms: loadMs } = await timed(() => Subscriptions.load(storage));
		const { value: byChannel, ms: matchMs } = await timed(() => loaded.matchChannels(papers));
		const pairs = [...byChannel.values()].reduce((sum, posts) => sum + posts.length, 0);
		const ledger = new DeliveryLedger(storage);
		const { ms: queueMs } = await timed(async () => {
			for (const [channelId, posts] of byChannel)
				await ledger.enqueue(
					channelId,
					posts.map(({ paper, topics }) => ({ paperId: paper.id, topics, queuedAt: '' })),
				);
		});
		await storage.close();
		return [
			`| subscribe ${CHANNELS.toLocaleString('en-US')} channels × ${TOPICS_PER_CHANNEL} topics through the store (SQLite) | ${ms(subscribeMs / 1000)} s |`,
			`| load every subscription at start and build the matcher | ${ms(loadMs)} ms |`,
			`| **match ${NEW_PAPERS.toLocaleString('en-US')} new papers against ${CHANNELS.toLocaleString('en-US')} channels × ${TOPICS_PER_CHANNEL} topics** (target ≤ 1 s) | **${ms(matchMs)} ms** (${pairs.toLocaleString('en-US')} paper→channel matches, ${(pairs / CHANNELS).toFixed(1)} papers per channel) |`,
			`| queue those matches in the delivery ledger (SQLite, ${byChannel.size.toLocaleString('en-US')} channels) | ${ms(queueMs / 1000)} s |`,
		];
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

async function delivery(label: string, papers: readonly Paper[], channels: number, postsPerChannel: number): Promise<string> {
	const names = Array.from({ length: channels }, (_, i) => ({ name: `feed-${i}` }));
	const discord = await FakeDiscord.start({
		token: TEST_TOKEN,
		guilds: [{ name: 'Bench', channels: names }],
		messageRateLimit: { limit: 5, windowMs: 5_000 },
	});
	const storage = await openStorage('memory://');
	try {
		const rest = new REST({ api: discord.apiUrl }).setToken(TEST_TOKEN);
		const byId = new Map(papers.map((paper) => [paper.id, paper]));
		const channelTypes = new Map(discord.guilds[0]!.channels.map((channel) => [channel.id, channel.type]));
		const deliverer = new Deliverer({
			ledger: new DeliveryLedger(storage),
			subscriptions: await Subscriptions.load(storage),
			// The bot knows its channels' kinds from the gateway (GUILD_CREATE); so does the bench.
			sink: new DiscordSink(
				rest,
				() => discord.botUser.id,
				quiet,
				(id) => channelTypes.get(id),
			),
			papers: async (ids) => ids.flatMap((id) => byId.get(id) ?? []),
			logger: quiet,
		});
		const queued = new Map(
			discord.guilds[0]!.channels.map((channel, c) => [
				channel.id,
				Array.from({ length: postsPerChannel }, (_, i): QueuedPost => ({
					paperId: papers[(c * postsPerChannel + i) % papers.length]!.id,
					topics: ['bench'],
					queuedAt: '',
				})),
			]),
		);
		const { ms: totalMs } = await timed(async () => {
			await deliverer.start(); // as the leader does
			await deliverer.enqueue(queued);
			await deliverer.idle();
		});
		await deliverer.close();
		const sent = discord.guilds[0]!.channels.flatMap((channel) => discord.channelMessages(channel.id));
		const messages = sent.length;
		const posts = channels * postsPerChannel;
		const posted = sent.reduce((sum, message) => sum + (message.embeds?.length ?? 0), 0);
		if (posted !== posts) throw new Error(`delivery bench: ${posted} of ${posts} papers reached the fake Discord`);
		return `| ${label}: ${channels} channels × ${postsPerChannel} papers | ${messages} messages in ${ms(totalMs / 1000)} s: ${(messages / (totalMs / 1000)).toFixed(1)} messages/s, ${(posts / (totalMs / 1000)).toFixed(0)} papers/s; ${discord.rateLimitedCount} × 429 |`;
	} finally {
		await storage.close();
		await discord.close();
	}
}

const library = await loadLibrary(seeds);
const segments = [...library.all()].flatMap((paper) => titleSegments(paper.title));
const corpus = await writeSyntheticCorpus({ seedsDir: seeds, outDir: new URL('./.corpora/10k', import.meta.url).pathname, papers: 10_000 });
const papers = [...(await loadLibrary(corpus.dir)).all()];
const fresh = papers.slice(-NEW_PAPERS);
const random = mulberry32(7);
const pools = topicPools(random, segments, papers.slice(0, -NEW_PAPERS));
console.log('## Subscriptions\n\n| measure | result |\n|---|---|');
console.log(
	`| topics: title phrases and distinctive words of the seeds; followable = catching ≤ ${MAX_SHARE * 100}% of the earlier papers | ${new Set(pools.followable).size.toLocaleString('en-US')} of ${new Set(pools.all).size.toLocaleString('en-US')} distinct topics |`,
);
for (const line of await matching(fresh, pools.followable, random)) console.log(line);
const firehose = matchInMemory(fresh, pools.all, random);
console.log(
	`| match the same papers against a firehose mix (any topic, "language models" included), in memory | ${ms(firehose.ms)} ms (${firehose.pairs.toLocaleString('en-US')} matches, ${(firehose.pairs / CHANNELS).toFixed(1)} papers per channel) |`,
);
console.log(await delivery('many quiet channels (one message each)', fresh, 300, 3));
console.log(await delivery('a few busy channels (per-channel limit 5 per 5 s binds)', fresh, 10, 60));
