import { ApplicationCommandOptionType, ChannelType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { events, kill, stop, useBotProcesses, type BotProcess } from './bot-processes.ts';
import { dropListing, listing } from './listings.ts';
import { MEMBER_PERMISSIONS } from './subscription-bot.ts';

/**
 * A forum post takes no nonce: exactly once rests on the restarted bot finding the post among the
 * forum's active threads. The real bot's process is SIGKILLed after Discord made the post but
 * before the bot heard back, then started again on the same storage.
 */

const processes = useBotProcesses({ name: 'Lab', channels: [{ name: 'general' }, { name: 'reading', type: ChannelType.GuildForum }] });
const TITLE = 'Grokking Modular Arithmetic in Tiny Transformers';

const forumId = () => processes.discord.channel('reading').id;
/** Commands about the forum run in #general and name it: a forum has no message box. */
const general = () => processes.discord.channel('general').id;
const namingForum = () => ({ name: 'channel', value: forumId(), type: ApplicationCommandOptionType.Channel });
const postsTo = () => `/channels/${forumId()}/threads`;
const forumPosts = () => processes.discord.guilds[0]!.threads.filter((thread) => thread.thread?.parentId === forumId());
const requestsBy = (bot: BotProcess, method: string, path: string) =>
	processes.discord.requests.slice(bot.firstRequest).filter((request) => request.method === method && request.path === path);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function overview(): Promise<string> {
	const reply = await processes.answer('/paper subscriptions', general(), [namingForum()], MEMBER_PERMISSIONS);
	return reply.embeds?.[0]?.description ?? reply.content ?? '';
}

describe('a bot process killed while posting to a forum', () => {
	let bot: BotProcess;

	it('after the restart finds the post among the active threads and does not post it again', async () => {
		bot = await processes.start();
		const subscribed = await processes.answer('/channel subscribe', general(), [{ name: 'topic', value: 'grokking' }, namingForum()]);
		expect(subscribed.content).toMatch(/now follows `grokking`/);

		const held = processes.discord.holdNext({ method: 'POST', path: postsTo() });
		dropListing(processes.papersDir, '900_grokking.txt', listing('Mar 20', [{ title: TITLE, about: 'grokking in small transformers' }]));
		const { request } = await held.reached;
		// Discord has the post; the bot never gets the answer.
		expect(forumPosts().map((thread) => thread.name)).toEqual([TITLE]);
		await kill(bot);
		const killed = bot;

		bot = await processes.start();
		await expect.poll(() => events(bot), { timeout: 15_000 }).toContain('delivery_already_posted');
		await expect.poll(overview, { timeout: 10_000 }).toMatch(/`grokking`: 1 paper, last <t:\d+:R>/);
		await pause(1_500);

		expect(forumPosts().map((thread) => thread.name)).toEqual([TITLE]);
		expect(requestsBy(killed, 'POST', postsTo())).toEqual([request]);
		expect(requestsBy(bot, 'POST', postsTo())).toEqual([]);
		expect(requestsBy(bot, 'GET', `/guilds/${processes.discord.guilds[0]!.id}/threads/active`)).toHaveLength(1);
	}, 60_000);

	it('a further restart posts nothing more', async () => {
		await stop(bot);
		bot = await processes.start();
		await pause(2_000);
		expect(requestsBy(bot, 'POST', postsTo())).toEqual([]);
		expect(forumPosts()).toHaveLength(1);
		await stop(bot);
		for (const child of processes.children) expect(child.output.stderr).toBe('');
	}, 30_000);

	it('killed halfway through a batch of posts: after the restart the rest are posted, none twice', async () => {
		bot = await processes.start();
		await processes.answer('/channel subscribe', general(), [{ name: 'topic', value: 'wombat' }, namingForum()]);
		const wombats = ['Wombat Burrow Architecture', 'Cube-Shaped Wombat Scat Explained', 'Wombat Gait on Loose Soil'];
		const first = processes.discord.holdNext({ method: 'POST', path: postsTo() });
		dropListing(
			processes.papersDir,
			'910_wombat.txt',
			listing(
				'Mar 21',
				wombats.map((title) => ({ title, about: 'wombat field notes' })),
			),
		);
		await first.reached;
		// The three papers went out as one batch: the first post made and answered, the second made and never answered.
		const second = processes.discord.holdNext({ method: 'POST', path: postsTo() });
		first.release();
		await second.reached;
		const wombatPosts = () => forumPosts().filter((thread) => wombats.includes(thread.name));
		expect(wombatPosts()).toHaveLength(2);
		await kill(bot);

		bot = await processes.start();
		await expect.poll(() => wombatPosts().length, { timeout: 15_000 }).toBe(3);
		await pause(1_500);
		expect(
			wombatPosts()
				.map((thread) => thread.name)
				.sort(),
		).toEqual([...wombats].sort());
		expect(requestsBy(bot, 'POST', postsTo())).toHaveLength(1);
		expect(events(bot)).toContain('delivery_resent');
		await stop(bot);
	}, 60_000);
});
