import { MessageFlags } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { WEEKDAYS } from '../../src/subscriptions/subscriptions.ts';
import type { FakeEmbed } from '../support/fake-discord/index.ts';
import { dropListing, listing } from './listings.ts';
import { MEMBER_PERMISSIONS, titles, useFreshSubscriptionBot, type SubscriptionBot } from './subscription-bot.ts';

const setup = useFreshSubscriptionBot();

/** Subscribes to `wombat`, drops three wombat papers and waits until they are queued, not posted. */
async function queueWombats(bot: SubscriptionBot): Promise<void> {
	await bot.answer('/channel subscribe', bot.papers, [{ name: 'topic', value: 'wombat' }]);
	dropListing(
		bot.papersDir,
		'920_wombat.txt',
		listing('May 1', [
			// The topic's word in the abstract only, in the title only, in both: the digest lists them the other way round.
			{ title: 'Burrowing Marsupials of Tasmania', about: 'the wombat and its burrows' },
			{ title: 'Cube-Shaped Wombat Scat Explained', about: 'why marsupial droppings are cubes' },
			{ title: 'Wombat Burrow Architecture', about: 'wombat burrow architecture in temperate soils' },
		]),
	);
	await expect
		.poll(async () => (await bot.bot.paperboy.context.feeds.overview(bot.papers)).delivery?.queued.length, { timeout: 10_000 })
		.toBe(3);
	expect(bot.postsIn(bot.papers)).toHaveLength(0);
}

const STRONGEST_FIRST = ['Wombat Burrow Architecture', 'Cube-Shaped Wombat Scat Explained', 'Burrowing Marsupials of Tasmania'];

describe('digests', () => {
	it('holds a daily channel’s papers until its hour, then posts them in one digest, strongest matches first', async () => {
		const hour = (new Date().getUTCHours() + 2) % 24;
		const answer = await setup.answer('/channel digest', setup.papers, [
			{ name: 'mode', value: 'daily' },
			{ name: 'hour', value: hour },
		]);
		expect(answer.content).toMatch(new RegExp(`one digest a day at ${String(hour).padStart(2, '0')}:00 UTC`));
		await queueWombats(setup);

		// The bot is restarted a day later, a minute past the digest hour.
		const digestTime = new Date();
		digestTime.setUTCHours(hour, 1, 0, 0);
		if (digestTime <= new Date()) digestTime.setUTCDate(digestTime.getUTCDate() + 1);
		await setup.bot.restart({ now: () => digestTime });
		await expect.poll(() => setup.postsIn(setup.papers).length, { timeout: 10_000 }).toBe(1);
		const [digest] = setup.postsIn(setup.papers);
		expect(digest!.content).toMatch(/^\*\*Daily paper digest, .+\*\*: 3 new papers \(3 for `wombat`\)$/);
		expect(titles(digest!)).toEqual(STRONGEST_FIRST);
	}, 40_000);

	it('holds a weekly channel’s papers until its day and hour, shows the schedule, then posts one digest', async () => {
		const refused = await setup.answer('/channel digest', setup.papers, [{ name: 'mode', value: 'weekly' }]);
		expect([refused.content, refused.flags]).toEqual([
			'A weekly digest needs a `day`: pick the day of the week it is posted on.',
			MessageFlags.Ephemeral,
		]);
		const dayForDaily = await setup.answer('/channel digest', setup.papers, [
			{ name: 'mode', value: 'daily' },
			{ name: 'day', value: 'monday' },
		]);
		expect(dayForDaily.content).toBe('`day` is for weekly digests; leave it out for a daily digest.');
		// Neither refusal changed anything.
		expect((await setup.bot.paperboy.context.feeds.overview(setup.papers)).subscriptions).toBeUndefined();

		// Two days from now, at this hour: more than a day away, so a daily schedule would already have posted.
		const digestTime = new Date(Date.now() + 2 * 24 * 60 * 60_000);
		digestTime.setUTCMinutes(1, 0, 0);
		const day = WEEKDAYS[(digestTime.getUTCDay() + 6) % 7]!;
		const hour = digestTime.getUTCHours();
		const schedule = `one digest a week, on ${day[0]!.toUpperCase()}${day.slice(1)}s at ${String(hour).padStart(2, '0')}:00 UTC`;
		const answer = await setup.answer('/channel digest', setup.papers, [
			{ name: 'mode', value: 'weekly' },
			{ name: 'day', value: day },
			{ name: 'hour', value: hour },
		]);
		expect(answer.content).toBe(`New papers for this channel will now come in ${schedule}.`);
		await queueWombats(setup);
		const overview = await setup.answer('/paper subscriptions', setup.papers, [], MEMBER_PERMISSIONS);
		expect((overview.embeds as FakeEmbed[])[0]!.description).toContain(`Posting: ${schedule}.`);

		await setup.bot.restart({ now: () => new Date(digestTime.getTime() - 2 * 60_000) });
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		expect(setup.postsIn(setup.papers)).toHaveLength(0);
		await setup.bot.restart({ now: () => digestTime });
		await expect.poll(() => setup.postsIn(setup.papers).length, { timeout: 10_000 }).toBe(1);
		const [digest] = setup.postsIn(setup.papers);
		expect(digest!.content).toMatch(/^\*\*Weekly paper digest, .+\*\*: 3 new papers \(3 for `wombat`\)$/);
		expect(titles(digest!)).toEqual(STRONGEST_FIRST);
	}, 60_000);
});
