import { ComponentType, InteractionResponseType, InteractionType, MessageFlags } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { FakeEmbed, FakeMessage, MessageBody } from '../support/fake-discord/index.ts';
import { dropListing, listing } from './listings.ts';
import { MEMBER_PERMISSIONS, useFreshSubscriptionBot } from './subscription-bot.ts';

// Each test has a bot, store and channels of its own.
const setup = useFreshSubscriptionBot();
const ALICE = { id: '400000000000000001' };
const BOB = { id: '400000000000000002' };

type Row = { components: { type: ComponentType; custom_id: string; options?: { value: string }[] }[] };
const rows = (message: { components?: unknown[] }) => (message.components ?? []) as Row[];
const control = (message: { components?: unknown[] }, prefix: string) =>
	rows(message)
		.flatMap((row) => row.components)
		.find((component) => component.custom_id.split(':')[0] === prefix)!;

function pick(message: FakeMessage, customId: string, values: string[], user = ALICE) {
	return setup.bot.discord.dispatchInteraction({
		type: InteractionType.MessageComponent,
		data: { custom_id: customId, component_type: ComponentType.StringSelect, values },
		message,
		user,
	});
}

function member(path: '/paper saved' | '/paper cite' | '/paper search', options: { name: string; value: string }[] = [], user = ALICE) {
	return setup.bot.discord.dispatchInteraction({
		type: InteractionType.ApplicationCommand,
		channelId: setup.papers,
		permissions: MEMBER_PERMISSIONS,
		user,
		data: { name: 'paper', options: [{ type: 1, name: path.split(' ')[1]!, options: options.map((o) => ({ type: 3, ...o })) }] },
	});
}

const hostile = { title: 'Grokking *@everyone* in $\\mathcal{O}(n)$ steps_', about: 'grokking with hostile markup in the title' };

/** A new-paper post in `papers` for the hostile title, with its Save menu. */
async function post(): Promise<FakeMessage> {
	await setup.answer('/channel subscribe', setup.papers, [{ name: 'topic', value: 'hostile markup' }]);
	dropListing(setup.papersDir, '900_new.txt', listing('Mar 20', [hostile]));
	await expect.poll(() => setup.postsIn(setup.papers).length, { timeout: 10_000 }).toBe(1);
	return setup.postsIn(setup.papers)[0]!;
}

async function privately(answer: Promise<{ type: InteractionResponseType; data?: MessageBody }>) {
	const { type, data } = await answer;
	expect(type).toBe(InteractionResponseType.ChannelMessageWithSource);
	expect(data!.flags! & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
	expect(data!.allowed_mentions).toEqual({ parse: [] });
	return data!;
}

describe('reading lists end to end', () => {
	it('saves a paper from a post to the member’s own list once, and removes it from /paper saved', async () => {
		const message = await post();
		const save = control(message, 'save');
		const paperId = save.options![0]!.value;
		expect((await privately(pick(message, save.custom_id, [paperId]).response())).content).toMatch(/^Saved “Grokking \\\*@everyone\\\*/);
		expect((await privately(pick(message, save.custom_id, [paperId]).response())).content).toMatch(/^Already on your reading list/);

		expect((await privately(member('/paper saved', [], BOB).response())).content).toMatch(/^Your reading list is empty/);
		const listed = member('/paper saved');
		const list = await privately(listed.response());
		expect(list.content).toMatch(/^Your reading list: 1 paper\./);
		expect((list.embeds as FakeEmbed[])[0]!.description).toContain('[Grokking \\*@everyone\\* in $\\\\mathcal{O}\\(n\\)$ steps\\_](');

		const removed = await pick(listed.original!, control(list, 'unsave').custom_id, [paperId]).response();
		expect(removed.type).toBe(InteractionResponseType.UpdateMessage);
		expect(removed.data!.content).toMatch(/^Your reading list is empty/);
		expect(removed.data!.components).toEqual([]);
	});

	it('cites a paper known only from a listing, privately, in a code block, math kept and specials escaped', async () => {
		const message = await post();
		const paperId = control(message, 'save').options![0]!.value;
		const cited = await privately(member('/paper cite', [{ name: 'paper', value: paperId }]).response());
		expect(cited.content).toContain('```bibtex\n@misc{anonymousgrokking,\n  title = {Grokking *@everyone* in $\\mathcal{O}(n)$ steps\\_},');
		expect(cited.content).toContain('  note = {Listed in 900\\_new.txt (Mar 20)}\n}\n```');
	});

	it('saves papers from a search page and exports the list as BibTeX and Markdown files', async () => {
		const searched = member('/paper search', [{ name: 'query', value: 'grokking' }]);
		const page = (await searched.response()).data!;
		const save = control(page, 'save');
		const ids = save.options!.slice(0, 2).map((option) => option.value);
		expect((await privately(pick(searched.original!, save.custom_id, ids).response())).content).toMatch(/It has 2 papers/);

		const bib = member('/paper saved', [{ name: 'export', value: 'bibtex' }]);
		expect((await privately(bib.response())).content).toBe('Your reading list, 2 papers, as BibTeX.');
		const [file] = bib.files;
		expect(file).toMatchObject({ field: 'files[0]', name: 'reading-list.bib' });
		expect(file!.data.toString().match(/^@misc\{/gm)).toHaveLength(2);

		const md = member('/paper saved', [{ name: 'export', value: 'markdown' }]);
		await privately(md.response());
		expect(md.files[0]!.name).toBe('reading-list.md');
		// The seeds' papers come from listings only: no link of their own, but where they were listed.
		expect(md.files[0]!.data.toString()).toMatch(/^# Reading list\n\n(- .+ — listed in 000\\_e0245a0a4af11ce5\.txt \(Mar 14\)\n){2}$/);
		expect(md.original!.attachments.map((attachment) => attachment.filename)).toEqual(['reading-list.md']);
	});

	it('pages a long list with Previous and Next, and refuses to export an empty one', async () => {
		expect((await member('/paper saved', [{ name: 'export', value: 'bibtex' }]).response()).data!.content).toMatch(/nothing to export/);
		for (const query of ['grokking', 'learning', 'model']) {
			const searched = member('/paper search', [{ name: 'query', value: query }]);
			const save = control((await searched.response()).data!, 'save');
			await pick(
				searched.original!,
				save.custom_id,
				save.options!.map((option) => option.value),
			).response();
		}
		const listed = member('/paper saved');
		const list = await privately(listed.response());
		const total = Number(/: (\d+) papers/.exec(list.content!)![1]);
		expect(total).toBeGreaterThan(10);
		const nextButton = rows(list)[1]!.components[2]!;
		expect(nextButton.custom_id).toBe('saved:1:Next');
		const next = await setup.bot.discord
			.dispatchInteraction({
				type: InteractionType.MessageComponent,
				data: {
					custom_id: nextButton.custom_id,
					component_type: ComponentType.Button,
				},
				message: listed.original!,
				user: ALICE,
			})
			.response();
		expect(next.type).toBe(InteractionResponseType.UpdateMessage);
		expect((next.data!.embeds as FakeEmbed[])[0]!.title).toBe(`Saved papers 11–${Math.min(20, total)}`);
		expect(next.data!.allowed_mentions).toEqual({ parse: [] });
	});
});
