import { describe, expect, it } from 'vitest';
import { events, kill, stop, useBotProcesses, type BotProcess } from './bot-processes.ts';
import { dropListing, listing } from './listings.ts';
import { MEMBER_PERMISSIONS } from './subscription-bot.ts';

/**
 * After a crash the bot reads the channel's history to learn whether its last post went out.
 * When that read fails with a 5xx for a while, the answer is unknown: the post must wait and be
 * looked for again, not be sent again, since by then Discord may have forgotten its nonce.
 */

const processes = useBotProcesses({ name: 'Lab', channels: [{ name: 'papers' }] });
const TITLE = 'Grokking Modular Arithmetic in Tiny Transformers';
/** discord.js tries a 5xx four times; this many failed reads are two of the deliverer's attempts. */
const FAILED_READS = 8;

const channelId = () => processes.discord.channel('papers').id;
const messagesPath = () => `/channels/${channelId()}/messages`;
const postsIn = () => processes.discord.channelMessages(channelId()).filter((message) => (message.embeds ?? []).length > 0);
const requestsBy = (bot: BotProcess, method: string) =>
	processes.discord.requests.slice(bot.firstRequest).filter((request) => request.method === method && request.path === messagesPath());
/** The bot's JSON log lines with `event`. */
const lines = (bot: BotProcess, event: string) =>
	bot.output.stdout
		.split('\n')
		.filter((line) => line.includes(`"event":"${event}"`))
		.map((line) => JSON.parse(line) as { err?: { message?: string } });

/** `/paper subscriptions` as a member sees it: says when the post counts as delivered. */
async function overview(): Promise<string> {
	const reply = await processes.answer('/paper subscriptions', channelId(), [], MEMBER_PERMISSIONS);
	return reply.embeds?.[0]?.description ?? reply.content ?? '';
}

describe('a post whose channel cannot be read after a crash', () => {
	it('waits while the history read fails, then finds the post there and does not send it again', async () => {
		let bot = await processes.start();
		const subscribed = await processes.answer('/channel subscribe', channelId(), [{ name: 'topic', value: 'grokking' }]);
		expect(subscribed.content).toMatch(/now follows `grokking`/);

		const held = processes.discord.holdNext({ method: 'POST', path: messagesPath() });
		dropListing(processes.papersDir, '900_grokking.txt', listing('Mar 20', [{ title: TITLE, about: 'grokking in small transformers' }]));
		await held.reached;
		// Discord has the post; the bot dies before it learns so.
		expect(postsIn()).toHaveLength(1);
		await kill(bot);
		// Minutes of retries later, a nonce sent again would no longer be recognised.
		processes.discord.forgetNonces();
		processes.discord.failNext({ method: 'GET', path: messagesPath(), status: 503, times: FAILED_READS });

		bot = await processes.start();
		await expect.poll(overview, { timeout: 40_000, interval: 500 }).toMatch(/`grokking`: 1 paper, last <t:\d+:R>/);
		await new Promise((resolve) => setTimeout(resolve, 1_500));

		expect(postsIn().map((message) => message.embeds.map((embed) => embed.title))).toEqual([[TITLE]]);
		expect(requestsBy(bot, 'POST')).toEqual([]);
		expect(requestsBy(bot, 'GET').map((request) => request.status)).toEqual([...Array<number>(FAILED_READS).fill(503), 200]);
		const failures = lines(bot, 'delivery_failed');
		expect(failures).toHaveLength(2);
		for (const failure of failures)
			expect(failure.err?.message).toMatch(/could not read channel \d+ to see whether a post tried earlier is there \(HTTP 503\)/);
		expect(events(bot)).toContain('delivery_already_posted');
		expect(events(bot)).not.toContain('delivery_resent');

		await stop(bot);
		for (const child of processes.children) expect(child.output.stderr).toBe('');
	}, 90_000);
});
