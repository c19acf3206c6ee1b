import { ComponentType, InteractionResponseType, InteractionType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { GENERIC_FAILURE } from '../../src/bot/interaction-handler.ts';
import { paperIdFor } from '../../src/papers/normalize.ts';
import type { FakeEmbed } from '../support/fake-discord/index.ts';
import { commandData, startBot, TEST_TOKEN, type BotHarness } from '../support/start-bot.ts';

let bot: BotHarness;
beforeAll(async () => {
	bot = await startBot();
});
afterAll(async () => {
	await bot?.stop();
});

const search = (query: string, user?: { id: string }) =>
	bot.discord.dispatchInteraction({
		type: InteractionType.ApplicationCommand,
		data: commandData('/paper search', [{ name: 'query', value: query }]),
		...(user ? { user } : {}),
	});

describe('the bot against a fake Discord', () => {
	it('logs in, registers /paper and /channel in the guild, and says it is ready', () => {
		const guildId = bot.discord.guilds[0]!.id;
		const registered = bot.discord.commands.guilds[guildId]!;
		expect(registered.map((command) => command.name)).toEqual(['paper', 'channel']);
		for (const [i, command] of commands.entries()) {
			expect(registered[i]).toMatchObject({
				default_member_permissions: command.data.default_member_permissions ?? null,
				// As sent: the builders' undefined fields do not survive JSON.
				options: JSON.parse(JSON.stringify(command.data.options)) as unknown,
			});
		}
		expect(registered[1]!.default_member_permissions).toBe(PermissionFlagsBits.ManageChannels.toString());
		expect(bot.logs.find((line) => line.event === 'ready')).toMatchObject({
			papers: 675,
			commands: 2,
			scope: 'guild',
			guilds: 1,
		});
	});

	it('answers a search with a page of embeds, a menu and paging buttons, mentions disabled', async () => {
		const response = await search('grokking').response();
		expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
		const data = response.data!;
		expect(data.content).toMatch(/^Results 1–5 of \d+ for “grokking”$/);
		expect(data.allowed_mentions).toEqual({ parse: [] });
		const embeds = data.embeds as FakeEmbed[];
		expect(embeds).toHaveLength(5);
		expect(embeds[0]!.title).toBe('1. Grokking at the Edge of Numerical Stability');
		expect(embeds[0]!.url).toMatch(/^https:\/\/arxiv\.org\/search\/\?searchtype=title&query=Grokking/);
		expect(embeds[0]!.description).toContain('**Grokking**');
		expect(embeds[0]!.footer?.text).toMatch(/^Listed in 000_e0245a0a4af11ce5\.txt \(Mar 14\)/);
		const rows = data.components as { components: { custom_id: string }[] }[];
		expect(rows[0]!.components[0]!.custom_id).toBe('abstract');
		expect(rows.at(-1)!.components[0]!.custom_id).toBe('similar');
		const total = Number(/of (\d+)/.exec(data.content as string)![1]);
		expect(rows.slice(1, -2).map((row) => row.components.map((c) => c.custom_id.split(':')[3]))).toEqual(
			total > 5 ? [['Previous', 'page', 'Next']] : [],
		);
		expect(rows.at(-2)!.components[0]!.custom_id).toBe('save');
	});

	it('suggests titles while the member types', async () => {
		const interaction = bot.discord.dispatchInteraction({
			type: InteractionType.ApplicationCommandAutocomplete,
			data: commandData('/paper search', [{ name: 'query', value: 'grokking at the ed', focused: true }]),
		});
		const { type, data } = await interaction.response();
		expect(type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
		const choices = data!.choices as { name: string; value: string }[];
		expect(choices[0]).toEqual({
			name: 'Grokking at the Edge of Numerical Stability',
			value: 'Grokking at the Edge of Numerical Stability',
		});
		expect(choices.length).toBeLessThanOrEqual(25);
		for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);
	});

	it('lets the searcher page, and tells anyone else privately that they cannot', async () => {
		const searched = search('continual learning');
		const first = await searched.response();
		const next = (first.data!.components as { components: { custom_id: string }[] }[])[1]!.components[2]!.custom_id;
		const message = searched.original!;
		const paged = await bot.discord
			.dispatchInteraction({
				type: InteractionType.MessageComponent,
				data: { custom_id: next, component_type: ComponentType.Button },
				message,
			})
			.response();
		expect(paged.type).toBe(InteractionResponseType.UpdateMessage);
		expect(paged.data!.content).toMatch(/^Results 6–10 of/);
		expect((paged.data!.embeds as FakeEmbed[])[0]!.title).toMatch(/^6\. /);

		const stranger = await bot.discord
			.dispatchInteraction({
				type: InteractionType.MessageComponent,
				data: { custom_id: next, component_type: ComponentType.Button },
				message,
				user: { id: '300000000000000001' },
			})
			.response();
		expect(stranger.type).toBe(InteractionResponseType.ChannelMessageWithSource);
		expect(stranger.data!.flags).toBe(MessageFlags.Ephemeral);
		expect(stranger.data!.content).toMatch(/Only the member who ran this search/);
	});

	it('turns pages clicked in quick succession in order, leaving the last one asked for on show', async () => {
		const searched = search('continual learning');
		const first = await searched.response();
		const sessionId = (first.data!.components as { components: { custom_id: string }[] }[])[1]!.components[2]!.custom_id.split(':')[1];
		const click = (page: number) =>
			bot.discord.dispatchInteraction({
				type: InteractionType.MessageComponent,
				data: { custom_id: `search:${sessionId}:${page}:Next`, component_type: ComponentType.Button },
				message: searched.original!,
			});
		const [third, second, firstAgain] = [click(2), click(1), click(0)];
		const answers = await Promise.all([third, second, firstAgain].map((turn) => turn.response()));
		expect(answers.map((answer) => (answer.data!.content as string).split(' of')[0])).toEqual([
			'Results 11–15',
			'Results 6–10',
			'Results 1–5',
		]);
		expect(answers.map((answer) => (answer.data!.embeds as FakeEmbed[])[0]!.title!.split('.')[0])).toEqual(['11', '6', '1']);
		// Discord shows the last update it receives: the last click's.
		const order = bot.discord.requests.filter((request) => /\/callback$/.test(request.path)).map((request) => request.path.split('/')[2]);
		const [a, b, c] = [third.id, second.id, firstAgain.id].map((id) => order.indexOf(id));
		expect(a).toBeGreaterThanOrEqual(0);
		expect(b).toBeGreaterThan(a!);
		expect(c).toBeGreaterThan(b!);
	});

	it('shows a paper’s full abstract privately from the menu', async () => {
		const id = paperIdFor('Grokking at the Edge of Numerical Stability');
		const response = await bot.discord
			.dispatchInteraction({
				type: InteractionType.MessageComponent,
				data: { custom_id: 'abstract', component_type: ComponentType.StringSelect, values: [id] },
			})
			.response();
		expect(response.data!.flags).toBe(MessageFlags.Ephemeral);
		const [embed] = response.data!.embeds as FakeEmbed[];
		expect(embed!.title).toBe('Grokking at the Edge of Numerical Stability');
		expect(embed!.description).toMatch(/^Grokking, the sudden generalization/);
		expect(embed!.description!.length).toBeGreaterThan(1000);
	});

	it('shows one paper picked by autocomplete, and explains what it holds', async () => {
		const id = paperIdFor('OwLore: Outlier-weighed Layerwise Sampled Low-Rank Projection for Memory-Efficient LLM Fine-tuning');
		const suggestions = await bot.discord
			.dispatchInteraction({
				type: InteractionType.ApplicationCommandAutocomplete,
				data: commandData('/paper show', [{ name: 'paper', value: 'owlore', focused: true }]),
			})
			.response();
		expect((suggestions.data!.choices as { value: string }[])[0]!.value).toBe(id);
		const shown = await bot.discord
			.dispatchInteraction({ type: InteractionType.ApplicationCommand, data: commandData('/paper show', [{ name: 'paper', value: id }]) })
			.response();
		expect((shown.data!.embeds as FakeEmbed[])[0]!.title).toMatch(/^OwLore/);
		const missing = await bot.discord
			.dispatchInteraction({
				type: InteractionType.ApplicationCommand,
				data: commandData('/paper show', [{ name: 'paper', value: 'qqqzzz xxyyww' }]),
			})
			.response();
		expect(missing.data).toMatchObject({
			flags: MessageFlags.Ephemeral,
			content: expect.stringMatching(/^No paper matches “qqqzzz xxyyww”/),
		});
		const about = await bot.discord
			.dispatchInteraction({ type: InteractionType.ApplicationCommand, data: commandData('/paper about') })
			.response();
		expect((about.data!.embeds as FakeEmbed[])[0]!.description).toMatch(/675 papers\*\* from 5 listings/);
	});

	it('answers hostile and empty queries helpfully, never pinging anyone', async () => {
		const hostile = await search(`@everyone <@&123> **grokking** ${'(a+)+$'.repeat(40)}`).response();
		expect(hostile.data!.allowed_mentions).toEqual({ parse: [] });
		const empty = await search('-survey').response();
		expect(empty.data).toMatchObject({ flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } });
		expect(empty.data!.content).toMatch(/^No papers match “\\-survey”\.\n• a query of only exclusions matches nothing/);
	});

	it('waits out a 429 on the reply and retries it', async () => {
		bot.discord.failNext({ method: 'POST', path: /\/interactions\/\d+\/[^/]+\/callback$/, status: 429, retryAfter: 0.3 });
		const interaction = search('label noise');
		expect((await interaction.response()).data!.content).toMatch(/^Results 1–5/);
		const attempts = bot.discord.requests.filter((request) => request.path.startsWith(`/interactions/${interaction.id}/`));
		expect(attempts.map((request) => request.status)).toEqual([429, 204]);
	});

	it('logs a failing reply once and keeps serving', async () => {
		bot.discord.failNext({
			method: 'POST',
			path: /\/interactions\/\d+\/[^/]+\/callback$/,
			status: 403,
			times: 2,
			body: { message: 'Missing Access', code: 50001 },
		});
		const failed = search('grokking');
		await expect
			.poll(() => bot.logs.filter((line) => line.interaction === failed.id).map((line) => line.event))
			.toEqual(['interaction_failed', 'interaction_failure_unanswered']);
		// discord.js's DiscordAPIError, as logged: what Discord said and where, without the token or the reply sent.
		expect(bot.logs.find((line) => line.interaction === failed.id)!.err).toMatchObject({
			type: 'DiscordAPIError',
			code: 50001,
			status: 403,
			method: 'POST',
			path: `/api/v10/interactions/${failed.id}/[token]/callback`,
		});
		expect(bot.rawLogs()).not.toContain(failed.token);
		expect((await search('grokking').response()).type).toBe(InteractionResponseType.ChannelMessageWithSource);
		expect(GENERIC_FAILURE).toMatch(/logged/);
	});

	it('retires the paging buttons when a search session ends, keeping the results readable', async () => {
		const searched = search('test-time adaptation');
		await searched.response();
		// The fake has the reply before discord.js has marked the interaction replied.
		await new Promise((resolve) => setTimeout(resolve, 200));
		await bot.paperboy.context.sessions.sweep(Infinity);
		const edit = await searched.waitForEdit();
		// Only the components change: the results stay as they were, with their menus.
		expect(edit.components).toHaveLength(3);
		expect(edit).not.toHaveProperty('embeds');
		expect(searched.original!.components).toHaveLength(3);
		expect(searched.original!.embeds).toHaveLength(5);
		const click = bot.discord.dispatchInteraction({
			type: InteractionType.MessageComponent,
			data: { custom_id: 'search:gone:1:Next', component_type: ComponentType.Button },
			message: searched.original!,
		});
		const late = await click.response();
		expect(late.type).toBe(InteractionResponseType.UpdateMessage);
		expect((late.data!.components as { components: { custom_id: string }[] }[]).map((row) => row.components[0]!.custom_id)).toEqual([
			'abstract',
			'save',
			'similar',
		]);
		expect((await click.waitForFollowUp()).content).toMatch(/This search has expired/);
	});

	it('gives every log line an event, which tests and log queries go by rather than the wording', () => {
		expect(bot.logs.filter((line) => typeof line.event !== 'string' || !/^[a-z]+(_[a-z]+)*$/.test(line.event))).toEqual([]);
	});

	it('never writes the bot token or an interaction token to the log', () => {
		const raw = bot.rawLogs();
		expect(raw.length).toBeGreaterThan(0);
		expect(raw).not.toContain(TEST_TOKEN);
		for (const request of bot.discord.requests) {
			const token = /\/interactions\/\d+\/([^/]+)\//.exec(request.path)?.[1];
			if (token) expect(raw).not.toContain(token);
		}
	});
});
