import { describe, expect, it } from 'vitest';
import type { FakeMessage, RecordedRequest } from '../support/fake-discord/index.ts';
import { events, kill, stop, useBotProcesses, type BotProcess } from './bot-processes.ts';
import { dropListing, listing } from './listings.ts';
import { MEMBER_PERMISSIONS } from './subscription-bot.ts';

/** The real bot's process SIGKILLed while a post is under way, then started again on the same storage. */

const FOUND_AFTER_RESTART = 'delivery_already_posted';
const WILL_RETRY = 'delivery_failed';

const processes = useBotProcesses({ name: 'Lab', channels: [{ name: 'papers' }, { name: 'random' }] });
const { answer } = processes;
const startProcess = (): Promise<BotProcess> => processes.start();

/** `/paper subscriptions`, as a member sees it: the one line per topic. */
async function overview(channelId: string): Promise<string> {
	const reply = await answer('/paper subscriptions', channelId, [], MEMBER_PERMISSIONS);
	return reply.embeds?.[0]?.description ?? reply.content ?? '';
}

const postsIn = (channelId: string): FakeMessage[] =>
	processes.discord.channelMessages(channelId).filter((message) => (message.embeds ?? []).length > 0);
const titles = (message: FakeMessage) => message.embeds.map((embed) => embed.title);
const postsTo = (channelId: string) => `/channels/${channelId}/messages`;
/** Requests since `bot` started, to a channel's messages. */
const requestsBy = (bot: BotProcess, method: string, channelId: string): RecordedRequest[] =>
	processes.discord.requests.slice(bot.firstRequest).filter((request) => request.method === method && request.path === postsTo(channelId));
const nonceOf = (request: RecordedRequest) => (request.body as { nonce?: string }).nonce;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a bot process killed mid-delivery', () => {
	let bot: BotProcess;
	let papers: string;
	let random: string;

	it('starts on a fresh store, and two channels subscribe', async () => {
		papers = processes.discord.channel('papers').id;
		random = processes.discord.channel('random').id;
		bot = await startProcess();
		expect(events(bot)).toContain('papers_baseline');
		expect((await answer('/channel subscribe', papers, [{ name: 'topic', value: 'grokking' }])).content).toMatch(/now follows `grokking`/);
		expect((await answer('/channel subscribe', random, [{ name: 'topic', value: 'watermarking' }])).content).toMatch(
			/now follows `watermarking`/,
		);
	});

	it('killed after Discord stored the post but before the bot learned it: found in the channel after the restart, posted once', async () => {
		const held = processes.discord.holdNext({ method: 'POST', path: postsTo(papers) });
		dropListing(
			processes.papersDir,
			'900_grokking.txt',
			listing('Mar 20', [
				{
					title: 'Grokking Modular Arithmetic in Tiny Transformers',
					about: 'grokking in small transformers trained on modular arithmetic',
				},
			]),
		);
		const { request } = await held.reached;
		// Discord has the message; the bot never gets the answer.
		expect(postsIn(papers)).toHaveLength(1);
		await kill(bot);
		const killed = bot;

		bot = await startProcess();
		await expect.poll(() => events(bot), { timeout: 15_000 }).toContain(FOUND_AFTER_RESTART);
		await expect.poll(() => overview(papers), { timeout: 10_000 }).toMatch(/`grokking`: 1 paper, last <t:\d+:R>/);
		expect(await overview(papers)).not.toMatch(/waiting to be posted/);
		await pause(1_500);

		expect(postsIn(papers)).toHaveLength(1);
		expect(titles(postsIn(papers)[0]!)).toEqual(['Grokking Modular Arithmetic in Tiny Transformers']);
		// The killed process posted once, with an enforced nonce; the new one looked at the channel's
		// history since the attempt, found the post there and did not post again.
		expect(requestsBy(killed, 'POST', papers)).toEqual([request]);
		expect(request.body).toMatchObject({ enforce_nonce: true, nonce: expect.any(String) });
		expect(requestsBy(bot, 'POST', papers)).toEqual([]);
		const [lookup, ...more] = requestsBy(bot, 'GET', papers);
		expect(more).toEqual([]);
		expect(lookup).toMatchObject({ status: 200, query: { limit: '100', after: expect.stringMatching(/^\d+$/) } });
		expect(BigInt(lookup!.query.after!)).toBeLessThan(BigInt(postsIn(papers)[0]!.id));
		expect(postsIn(random)).toEqual([]);
	}, 40_000);

	it('killed while Discord refused the post: nothing in the channel, and after the restart the paper arrives once, with the same nonce', async () => {
		// discord.js tries a 5xx four times (retries: 3); then the deliverer waits 5 s before trying again.
		processes.discord.failNext({ method: 'POST', path: postsTo(random), status: 500, times: 4 });
		dropListing(
			processes.papersDir,
			'901_watermarking.txt',
			listing('Mar 21', [
				{ title: 'Robust Watermarking for Language Model Outputs', about: 'watermarking the outputs of language models' },
			]),
		);
		await expect.poll(() => events(bot), { timeout: 15_000 }).toContain(WILL_RETRY);
		await kill(bot);
		const killed = bot;
		const refused = requestsBy(killed, 'POST', random);
		expect(refused.map((request) => request.status)).toEqual([500, 500, 500, 500]);
		expect(new Set(refused.map(nonceOf)).size).toBe(1);
		expect(postsIn(random)).toEqual([]);

		bot = await startProcess();
		await expect.poll(() => postsIn(random).length, { timeout: 15_000 }).toBe(1);
		await expect.poll(() => overview(random), { timeout: 10_000 }).toMatch(/`watermarking`: 1 paper, last <t:\d+:R>/);
		await pause(1_500);

		expect(postsIn(random)).toHaveLength(1);
		expect(titles(postsIn(random)[0]!)).toEqual(['Robust Watermarking for Language Model Outputs']);
		// The batch written down before the first attempt survived the kill: looked for first (not
		// there), then sent again under the nonce the killed process used.
		expect(requestsBy(bot, 'GET', random)).toHaveLength(1);
		const sent = requestsBy(bot, 'POST', random);
		expect(sent.map((request) => request.status)).toEqual([200]);
		expect(nonceOf(sent[0]!)).toBe(nonceOf(refused[0]!));
		expect(events(bot)).not.toContain(FOUND_AFTER_RESTART);
		expect(postsIn(papers)).toHaveLength(1);
	}, 40_000);

	it('a further restart posts nothing more', async () => {
		await stop(bot);
		bot = await startProcess();
		await pause(2_000);
		expect(
			processes.discord.requests
				.slice(bot.firstRequest)
				.filter((request) => request.method === 'POST' && /^\/channels\/\d+\/messages$/.test(request.path)),
		).toEqual([]);
		expect(postsIn(papers)).toHaveLength(1);
		expect(postsIn(random)).toHaveLength(1);
		expect(await overview(papers)).toMatch(/`grokking`: 1 paper/);
		expect(await overview(random)).toMatch(/`watermarking`: 1 paper/);
		await stop(bot);
		for (const child of processes.children) expect(child.output.stderr).toBe('');
	}, 30_000);
});
