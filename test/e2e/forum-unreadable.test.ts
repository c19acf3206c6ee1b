import { ApplicationCommandOptionType, ChannelType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { events, kill, stop, useBotProcesses } from './bot-processes.ts';
import { dropListing, listing } from './listings.ts';
import { MEMBER_PERMISSIONS } from './subscription-bot.ts';

/**
 * A forum post takes no nonce: after a crash only the forum's active threads tell whether it went
 * out. When listing them fails with a 5xx for a while, the answer is unknown, and the post waits
 * until they can be listed, rather than being taken for not posted.
 */

const processes = useBotProcesses({ name: 'Lab', channels: [{ name: 'general' }, { name: 'reading', type: ChannelType.GuildForum }] });
const TITLE = 'Grokking Modular Arithmetic in Tiny Transformers';
/** discord.js tries a 5xx four times; this many failed listings are two of the deliverer's attempts. */
const FAILED_LISTINGS = 8;

const forumId = () => processes.discord.channel('reading').id;
/** Commands about the forum run in #general and name it: a forum has no message box. */
const general = () => processes.discord.channel('general').id;
const namingForum = () => ({ name: 'channel', value: forumId(), type: ApplicationCommandOptionType.Channel });
const activeThreads = () => `/guilds/${processes.discord.guilds[0]!.id}/threads/active`;
const forumPosts = () => processes.discord.guilds[0]!.threads.filter((thread) => thread.thread?.parentId === forumId());

async function overview(): Promise<string> {
	const reply = await processes.answer('/paper subscriptions', general(), [namingForum()], MEMBER_PERMISSIONS);
	return reply.embeds?.[0]?.description ?? reply.content ?? '';
}

describe('a forum post whose forum cannot be listed after a crash', () => {
	it('waits while the active threads cannot be listed, then finds the post and does not make it again', async () => {
		let bot = await processes.start();
		const subscribed = await processes.answer('/channel subscribe', general(), [{ name: 'topic', value: 'grokking' }, namingForum()]);
		expect(subscribed.content).toMatch(/now follows `grokking`/);

		const held = processes.discord.holdNext({ method: 'POST', path: `/channels/${forumId()}/threads` });
		dropListing(processes.papersDir, '900_grokking.txt', listing('Mar 20', [{ title: TITLE, about: 'grokking in small transformers' }]));
		await held.reached;
		// Discord made the post; the bot dies before it learns so.
		await kill(bot);
		processes.discord.failNext({ method: 'GET', path: activeThreads(), status: 503, times: FAILED_LISTINGS });

		bot = await processes.start();
		await expect.poll(overview, { timeout: 40_000, interval: 500 }).toMatch(/`grokking`: 1 paper, last <t:\d+:R>/);
		await new Promise((resolve) => setTimeout(resolve, 1_500));

		expect(forumPosts().map((thread) => thread.name)).toEqual([TITLE]);
		const requests = processes.discord.requests.slice(bot.firstRequest);
		expect(requests.filter((request) => request.method === 'POST' && request.path.endsWith('/threads'))).toEqual([]);
		expect(requests.filter((request) => request.path === activeThreads()).map((request) => request.status)).toEqual([
			...Array<number>(FAILED_LISTINGS).fill(503),
			200,
		]);
		// Two attempts that could not tell, then the post found: never taken for missing on a failed listing.
		expect(events(bot).filter((event) => event === 'delivery_failed')).toHaveLength(2);
		expect(events(bot)).toContain('delivery_already_posted');
		expect(events(bot)).not.toContain('delivery_resent');

		await stop(bot);
		for (const child of processes.children) expect(child.output.stderr).toBe('');
	}, 90_000);
});
