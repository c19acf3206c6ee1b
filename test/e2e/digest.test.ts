import { describe, expect, it } from 'vitest';
import { dropListing, listing } from './listings.ts';
import { titles, useSubscriptionBot } from './subscription-bot.ts';

const setup = useSubscriptionBot();

describe('daily digests', () => {
	it('holds a daily channel’s papers until its hour, then posts them in one digest', async () => {
		const hour = (new Date().getUTCHours() + 2) % 24;
		expect(
			(
				await setup.answer('/channel digest', setup.papers, [
					{ name: 'mode', value: 'daily' },
					{ name: 'hour', value: hour },
				])
			).content,
		).toMatch(new RegExp(`one digest a day at ${String(hour).padStart(2, '0')}:00 UTC`));
		await setup.answer('/channel subscribe', setup.papers, [{ name: 'topic', value: 'wombat' }]);
		dropListing(
			setup.papersDir,
			'920_wombat.txt',
			listing('May 1', [
				{ title: 'Wombat Burrow Architecture', about: 'wombat burrow architecture in temperate soils' },
				{ title: 'Cube-Shaped Wombat Scat Explained', about: 'why wombat scat is cube shaped' },
			]),
		);
		await expect
			.poll(async () => (await setup.bot.paperboy.context.feeds.overview(setup.papers)).delivery?.queued.length, { timeout: 10_000 })
			.toBe(2);
		expect(setup.postsIn(setup.papers)).toHaveLength(0);

		// The bot is restarted a day later, a minute past the digest hour.
		const digestTime = new Date();
		digestTime.setUTCHours(hour, 1, 0, 0);
		if (digestTime <= new Date()) digestTime.setUTCDate(digestTime.getUTCDate() + 1);
		await setup.bot.restart({ now: () => digestTime });
		await expect.poll(() => setup.postsIn(setup.papers).length, { timeout: 10_000 }).toBe(1);
		const [digest] = setup.postsIn(setup.papers);
		expect(digest!.content).toMatch(/^\*\*Daily paper digest, .+\*\*: 2 new papers for `wombat`$/);
		expect(titles(digest!).sort()).toEqual(['Cube-Shaped Wombat Scat Explained', 'Wombat Burrow Architecture']);
	}, 40_000);
});
