import { ComponentType, InteractionType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { MEMBER_PERMISSIONS, type FakeMessage, type MessageBody } from '../support/fake-discord/index.ts';
import { finalAnswer } from '../support/start-bot.ts';
import { dropListing, listing } from './listings.ts';
import { useFreshSubscriptionBot } from './subscription-bot.ts';

const TITLE = 'Grokking Modular Arithmetic in Tiny Transformers';
/** A member who may start threads, as @everyone may in a server Discord sets up. */
const THREAD_STARTER = (BigInt(MEMBER_PERMISSIONS) | PermissionFlagsBits.CreatePublicThreads).toString();

describe('the Discuss button on a subscription post', () => {
	const setup = useFreshSubscriptionBot(async ({ answer, papers }) => {
		await answer('/channel subscribe', papers, [{ name: 'topic', value: 'grokking' }]);
	});

	/** The new post as it was delivered (a copy: the fake updates its own when a thread starts). */
	async function delivered(): Promise<FakeMessage> {
		dropListing(setup.papersDir, '900_grokking.txt', listing('Mar 20', [{ title: TITLE, about: 'grokking in tiny transformers' }]));
		await expect.poll(() => setup.postsIn(setup.papers).length, { timeout: 10_000 }).toBe(1);
		return structuredClone(setup.postsIn(setup.papers)[0]!);
	}

	const discussId = (post: FakeMessage) => (post.components as { components: { custom_id: string }[] }[])[0]!.components[0]!.custom_id;
	const press = (post: FakeMessage, permissions = THREAD_STARTER): Promise<MessageBody> =>
		finalAnswer(
			setup.bot.discord.dispatchInteraction({
				type: InteractionType.MessageComponent,
				channelId: setup.papers,
				data: { custom_id: discussId(post), component_type: ComponentType.Button },
				message: post,
				permissions,
			}),
		);
	const threads = () => setup.bot.discord.guilds[0]!.threads;
	const threadRequests = (post: FakeMessage) =>
		setup.bot.discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${setup.papers}/messages/${post.id}/threads`);

	it('opens a public thread on the post, named after the paper, with its link and abstract inside', async () => {
		const post = await delivered();
		const reply = await press(post);
		expect(reply.flags).toBe(MessageFlags.Ephemeral);
		expect(reply.content).toBe(`Opened a thread to discuss it: <#${post.id}>`);

		expect(threads().map((thread) => [thread.id, thread.name, thread.thread?.parentId])).toEqual([[post.id, TITLE, setup.papers]]);
		const [opening, ...more] = setup.bot.discord.channelMessages(post.id);
		expect(more).toEqual([]);
		expect(opening!.content).toMatch(/^<https:\/\/arxiv\.org\/search\/\?searchtype=title&query=Grokking/);
		expect(opening!.embeds[0]).toMatchObject({ title: TITLE, description: expect.stringMatching(/grokking in tiny transformers/) });
		const sent = setup.bot.discord.requests.find((r) => r.method === 'POST' && r.path === `/channels/${post.id}/messages`);
		expect(sent?.body).toMatchObject({ allowed_mentions: { parse: [] } });
	}, 20_000);

	it('pressed again points to the thread already there, whether or not the message shows it yet', async () => {
		const post = await delivered();
		await press(post);
		const shown = setup.bot.discord.channelMessages(setup.papers).find((message) => message.id === post.id)!;
		expect(shown.flags & MessageFlags.HasThread).toBe(MessageFlags.HasThread);
		// As Discord shows the message now (flagged), then as an older copy of it (Discord answers 160004).
		for (const message of [shown, post]) expect((await press(message)).content).toBe(`This paper is being discussed in <#${post.id}>.`);
		expect(threads()).toHaveLength(1);
		expect(threadRequests(post).map((r) => r.status)).toEqual([201, 400]);
	}, 20_000);

	it('tells the member what is missing when the bot may not create threads there, or they may not', async () => {
		const post = await delivered();
		setup.bot.discord.setBotPermissions(setup.papers, { createThreads: false });
		expect((await press(post)).content).toMatch(/I am missing Create Public Threads in this channel/);
		setup.bot.discord.setBotPermissions(setup.papers, { createThreads: true });
		expect((await press(post, MEMBER_PERMISSIONS)).content).toMatch(/needs the Create Public Threads permission/);
		expect(threads()).toEqual([]);
		expect(threadRequests(post)).toEqual([]);
	}, 20_000);
});
