import { describe, expect, it } from 'vitest';
import type { FakeChannel, FakeMessage } from '../support/fake-discord/index.ts';
import { addForum, forumPosts, GROKKING, subscribeForum } from './forums.ts';
import { dropListing, listing } from './listings.ts';
import { useFreshSubscriptionBot } from './subscription-bot.ts';

describe('a subscribed forum channel', () => {
	const setup = useFreshSubscriptionBot();

	it('gets each new paper as its own post, titled with the paper, its embed first, tagged with the topics that caught it', async () => {
		const forum = addForum(setup, ['reading group']);
		await subscribeForum(setup, forum, 'grokking', 'modular arithmetic');
		dropListing(setup.papersDir, '900_grokking.txt', listing('Mar 20', [GROKKING]));
		await expect.poll(() => forumPosts(setup, forum).length, { timeout: 10_000 }).toBe(1);

		const [{ thread, first }] = forumPosts(setup, forum) as [{ thread: FakeChannel; first: FakeMessage }];
		// A thread's name is plain text: the title as written, nothing escaped.
		expect(thread.name).toBe(GROKKING.title);
		expect(first.embeds.map((embed) => embed.title)).toEqual(['Grokking \\*Modular\\* Arithmetic in Tiny Transformers @everyone']);
		expect(first.content).toMatch(/`grokking`, `modular arithmetic`/);
		// The post is a thread already: no Discuss button on its first message, only the Save menu and the Similar button.
		const controls = (first.components as { components: { custom_id: string }[] }[]).flatMap((row) =>
			row.components.map((c) => c.custom_id),
		);
		expect(controls).toEqual(['save', expect.stringMatching(/^similar:/)]);
		// The two topics' tags were added beside the forum's own, and the post carries them.
		expect(forum.availableTags?.map((tag) => tag.name)).toEqual(['reading group', 'grokking', 'modular arithmetic']);
		const byName = new Map(forum.availableTags?.map((tag) => [tag.name, tag.id]));
		expect(thread.thread?.appliedTags).toEqual([byName.get('grokking'), byName.get('modular arithmetic')]);
		const created = setup.bot.discord.requests.find(
			(request) => request.method === 'POST' && request.path === `/channels/${forum.id}/threads`,
		);
		expect(created?.body).toMatchObject({ message: { allowed_mentions: { parse: [] } } });
		expect(setup.postsIn(forum.id)).toEqual([]);
	}, 20_000);

	it('with all 20 tags taken, posts the paper untagged and says so in the log', async () => {
		const forum = addForum(
			setup,
			Array.from({ length: 20 }, (_, i) => `tag ${i + 1}`),
		);
		await subscribeForum(setup, forum, 'grokking');
		dropListing(setup.papersDir, '900_grokking.txt', listing('Mar 20', [GROKKING]));
		await expect.poll(() => forumPosts(setup, forum).length, { timeout: 10_000 }).toBe(1);

		expect(forumPosts(setup, forum)[0]!.thread.thread?.appliedTags).toEqual([]);
		expect(forum.availableTags).toHaveLength(20);
		expect(setup.bot.logs.find((line) => line.event === 'forum_tags_full')).toMatchObject({ channel: forum.id, untagged: ['grokking'] });
		expect(setup.bot.discord.requests.filter((request) => request.method === 'PATCH' && request.path === `/channels/${forum.id}`)).toEqual(
			[],
		);
	}, 20_000);

	it('without Manage Channels on the forum, posts the paper with the tags it has and says in the log which it could not add', async () => {
		const forum = addForum(setup, ['grokking']);
		setup.bot.discord.setBotPermissions(forum.id, { manage: false });
		await subscribeForum(setup, forum, 'grokking', 'modular arithmetic');
		dropListing(setup.papersDir, '900_grokking.txt', listing('Mar 20', [GROKKING]));
		await expect.poll(() => forumPosts(setup, forum).length, { timeout: 10_000 }).toBe(1);

		expect(forumPosts(setup, forum)[0]!.thread.thread?.appliedTags).toEqual([forum.availableTags![0]!.id]);
		expect(forum.availableTags?.map((tag) => tag.name)).toEqual(['grokking']);
		expect(setup.bot.logs.find((line) => line.event === 'forum_tags_not_created')).toMatchObject({
			channel: forum.id,
			untagged: ['modular arithmetic'],
			err: { code: 50013 },
		});
	}, 20_000);

	it('learns a text channel is no forum from the gateway, and reads only the forum (for its current tags)', async () => {
		const forum = addForum(setup);
		await subscribeForum(setup, forum, 'grokking');
		await setup.answer('/channel subscribe', setup.papers, [{ name: 'topic', value: 'grokking' }]);
		dropListing(setup.papersDir, '900_grokking.txt', listing('Mar 20', [GROKKING]));
		await expect.poll(() => [forumPosts(setup, forum).length, setup.postsIn(setup.papers).length], { timeout: 10_000 }).toEqual([1, 1]);

		const reads = (id: string) =>
			setup.bot.discord.requests.filter((request) => request.method === 'GET' && request.path === `/channels/${id}`);
		expect(reads(setup.papers)).toEqual([]);
		expect(reads(forum.id).length).toBeGreaterThan(0);
	}, 20_000);
});
