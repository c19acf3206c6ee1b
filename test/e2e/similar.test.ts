import { ComponentType, InteractionResponseType, InteractionType, MessageFlags } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { paperIdFor } from '../../src/papers/normalize.ts';
import type { FakeEmbed, FakeMessage, MessageBody } from '../support/fake-discord/index.ts';
import { commandData, finalAnswer } from '../support/start-bot.ts';
import { dropListing, listing } from './listings.ts';
import { MEMBER_PERMISSIONS, useFreshSubscriptionBot } from './subscription-bot.ts';

// Each test has a bot, store and channels of its own (the seeds' first listing), and sets up what it needs.
const setup = useFreshSubscriptionBot();
const GROKKING = 'Grokking at the Edge of Numerical Stability';

type Row = { components: { custom_id: string; type: ComponentType; options?: { value: string }[] }[] };

/** A member without any special permission picks `custom_id` (with `values` for a menu) on `message`. */
const pick = (message: FakeMessage | undefined, custom_id: string, values?: string[]) =>
	finalAnswer(
		setup.bot.discord.dispatchInteraction({
			type: InteractionType.MessageComponent,
			channelId: setup.papers,
			permissions: MEMBER_PERMISSIONS,
			data: { custom_id, component_type: values ? ComponentType.StringSelect : ComponentType.Button, ...(values ? { values } : {}) },
			...(message ? { message } : {}),
		}),
	);

/** An answer listing papers like the grokking paper, each saying what it shares. */
function expectSimilarToGrokking(answer: MessageBody, { ephemeral }: { ephemeral: boolean }): void {
	expect(answer.content).toBe(`Papers like “${GROKKING}”`);
	expect(answer.allowed_mentions).toEqual({ parse: [] });
	expect(answer.flags ?? 0).toBe(ephemeral ? MessageFlags.Ephemeral : 0);
	const embeds = answer.embeds as FakeEmbed[];
	expect(embeds).toHaveLength(5);
	expect(embeds.map((embed) => embed.title)).not.toContain(`1. ${GROKKING}`);
	expect(embeds[0]!.title).toMatch(/^1\. .*Grokking/);
	expect(embeds[0]!.description).toMatch(/\n-# shares: grokking, /);
	expect(embeds[0]!.footer?.text).toMatch(/· similarity 0\.\d+$/);
}

describe('/paper similar end to end', () => {
	it('answers a paper picked from the suggestions, or typed, and says so when nothing matches', async () => {
		const id = paperIdFor(GROKKING);
		const suggestions = await setup.bot.discord
			.dispatchInteraction({
				type: InteractionType.ApplicationCommandAutocomplete,
				data: commandData('/paper similar', [{ name: 'paper', value: 'grokking at the edge', focused: true }]),
			})
			.response();
		expect(suggestions.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
		expect((suggestions.data!.choices as { value: string }[])[0]!.value).toBe(id);
		const picked = await setup.answer('/paper similar', setup.papers, [{ name: 'paper', value: id }], MEMBER_PERMISSIONS);
		expectSimilarToGrokking(picked, { ephemeral: false });
		const typed = await setup.answer(
			'/paper similar',
			setup.papers,
			[{ name: 'paper', value: 'grokking edge numerical' }],
			MEMBER_PERMISSIONS,
		);
		expect(typed.embeds).toEqual(picked.embeds);
		const missing = await setup.answer('/paper similar', setup.papers, [{ name: 'paper', value: 'qqqzzz xxyyww' }], MEMBER_PERMISSIONS);
		expect(missing).toMatchObject({ flags: MessageFlags.Ephemeral, content: expect.stringMatching(/^No paper matches “qqqzzz xxyyww”/) });
	});

	it('answers from the “Similar to…” menu of a search page, privately, to any member', async () => {
		const searched = setup.command('/paper search', setup.papers, [{ name: 'query', value: 'grokking' }], MEMBER_PERMISSIONS);
		const page = await searched.response();
		const menu = (page.data!.components as Row[]).at(-1)!.components[0]!;
		expect(menu).toMatchObject({ custom_id: 'similar', type: ComponentType.StringSelect });
		expect(menu.options!.map((option) => option.value)).toContain(paperIdFor(GROKKING));
		expectSimilarToGrokking(await pick(searched.original!, 'similar', [paperIdFor(GROKKING)]), { ephemeral: true });
	});

	it('answers from the Similar button of a subscription post, privately', async () => {
		const topic = await setup.answer('/channel subscribe', setup.papers, [{ name: 'topic', value: 'numerical stability grokking' }]);
		expect(topic.content).toMatch(/now follows/);
		dropListing(
			setup.papersDir,
			'900_new.txt',
			listing('Mar 20', [{ title: 'Grokking Needs Numerical Stability', about: 'grokking and numerical stability of softmax' }]),
		);
		await expect.poll(() => setup.postsIn(setup.papers).length, { timeout: 10_000 }).toBe(1);
		const [post] = setup.postsIn(setup.papers);
		const button = (post!.components as Row[]).flatMap((row) => row.components).find((c) => c.custom_id.startsWith('similar'))!;
		expect(button).toMatchObject({ type: ComponentType.Button, custom_id: `similar:${paperIdFor('Grokking Needs Numerical Stability')}` });
		const answer = await pick(post, button.custom_id);
		expect(answer.flags).toBe(MessageFlags.Ephemeral);
		expect(answer.content).toBe('Papers like “Grokking Needs Numerical Stability”');
		expect((answer.embeds as FakeEmbed[])[0]!.title).toBe(`1. ${GROKKING}`);
	});

	it('tells the member privately when the paper has left the library', async () => {
		const answer = await pick(undefined, 'similar:0000000000000000');
		expect(answer).toMatchObject({ flags: MessageFlags.Ephemeral, content: 'That paper is no longer in the library.' });
	});
});
