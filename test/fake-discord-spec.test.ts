/**
 * The fake Discord against Discord's own OpenAPI spec: every request body it receives is checked
 * against the spec's schema for the route's operation (and Discord's documented limits the spec
 * does not state), refused with Discord's 400 50035 and recorded when it fails; close() throws then.
 */
import {
	ActionRowBuilder,
	ApplicationCommandOptionType,
	ButtonBuilder,
	ButtonStyle,
	Client,
	ComponentType,
	EmbedBuilder,
	Events,
	GatewayIntentBits,
	InteractionResponseType,
	InteractionType,
	MessageFlags,
	ModalBuilder,
	PermissionFlagsBits,
	StringSelectMenuBuilder,
	TextInputBuilder,
	TextInputStyle,
} from 'discord.js';
import type { Interaction, TextChannel } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './support/fake-discord/index.ts';
import type { FakeInteraction } from './support/fake-discord/index.ts';
import { assertRoutesInSpec, specProblems } from './support/fake-discord/openapi.ts';
import { Router, route } from './support/fake-discord/router.ts';
import { appRoutes } from './support/fake-discord/routes-app.ts';
import { channelRoutes } from './support/fake-discord/routes-channels.ts';
import { interactionRoutes } from './support/fake-discord/routes-interactions.ts';

const TOKEN = 'fake-bot-token.for.spec-tests';

describe('request bodies checked against Discord’s OpenAPI spec', () => {
	let discord: FakeDiscord;
	let client: Client;
	let handle: (interaction: Interaction) => Promise<void> = async () => {};
	const listenerErrors: unknown[] = [];
	const papers = (): string => discord.channel('papers').id;

	/** Plain fetch, so that the body goes out exactly as written (discord.js would shape it). */
	const send = async (method: string, path: string, body: unknown, auth = true): Promise<{ status: number; json: unknown }> => {
		const headers: Record<string, string> = { 'content-type': 'application/json', ...(auth ? { authorization: `Bot ${TOKEN}` } : {}) };
		const response = await fetch(`${discord.apiUrl}/v10${path}`, { method, headers, body: JSON.stringify(body) });
		return { status: response.status, json: response.status === 204 ? undefined : await response.json() };
	};

	/** An interaction the client leaves unanswered, for the test to answer by hand. */
	const unanswered = (): FakeInteraction => {
		handle = async () => {};
		return discord.dispatchInteraction({ type: InteractionType.ApplicationCommand, data: { name: 'follow' } });
	};
	const callbackPath = (i: FakeInteraction): string => `/interactions/${i.id}/${i.token}/callback`;

	beforeAll(async () => {
		discord = await FakeDiscord.start({ token: TOKEN, guilds: [{ name: 'Spec Lab', channels: [{ name: 'papers' }] }] });
		client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl } });
		client.on(Events.InteractionCreate, (interaction) => {
			handle(interaction).catch((error: unknown) => listenerErrors.push(error));
		});
		const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
		await client.login(TOKEN);
		await ready;
	});

	afterEach(() => {
		expect(listenerErrors).toEqual([]);
		// Each test takes the violations it provoked: none may be left over.
		expect(discord.takeSpecViolations()).toEqual([]);
	});

	afterAll(async () => {
		await client?.destroy();
		await discord?.close();
	});

	it('accepts what discord.js sends for a full message: embeds, buttons, a menu, allowed mentions, an enforced nonce', async () => {
		const channel = client.channels.cache.get(papers()) as TextChannel;
		const embed = new EmbedBuilder()
			.setTitle('Attention Is All You Need')
			.setURL('https://arxiv.org/abs/1706.03762')
			.setColor(0x5865f2)
			.setTimestamp(new Date('2017-06-12T00:00:00Z'))
			.setAuthor({ name: 'Vaswani et al.' })
			.setFooter({ text: 'arXiv cs.CL' })
			.addFields({ name: 'Topics', value: 'transformers', inline: true });
		const buttons = new ActionRowBuilder<ButtonBuilder>().addComponents(
			new ButtonBuilder().setCustomId('page:2').setLabel('Next').setStyle(ButtonStyle.Primary),
			new ButtonBuilder().setURL('https://arxiv.org/pdf/1706.03762').setLabel('PDF').setStyle(ButtonStyle.Link),
		);
		const menu = new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
			new StringSelectMenuBuilder().setCustomId('pick').addOptions({ label: 'First', value: '1' }, { label: 'Second', value: '2' }),
		);
		const sent = await channel.send({
			content: 'New paper',
			embeds: [embed],
			components: [buttons, menu],
			allowedMentions: { parse: [] },
			nonce: 'spec-1',
			enforceNonce: true,
		});
		await sent.edit({ content: 'Edited', embeds: [], components: [] });
		expect(discord.channelMessages(papers()).map((m) => m.content)).toEqual(['Edited']);
		expect(discord.specViolations).toEqual([]);
	});

	it('accepts commands with subcommands, choices, autocomplete and default member permissions', async () => {
		await client.application!.commands.set([
			{
				name: 'paper',
				description: 'Papers',
				options: [
					{
						type: ApplicationCommandOptionType.Subcommand,
						name: 'search',
						description: 'Search papers',
						options: [
							{ type: ApplicationCommandOptionType.String, name: 'query', description: 'Words', required: true, autocomplete: true },
							{
								type: ApplicationCommandOptionType.Integer,
								name: 'page',
								description: 'Page',
								choices: [{ name: 'first', value: 1 }],
								minValue: 1,
							},
						],
					},
				],
			},
			// discord.js sends the permissions as a decimal string, as Discord documents them; the spec says integer (a quirk in openapi.ts).
			{ name: 'subscribe', description: 'Follow a topic', defaultMemberPermissions: PermissionFlagsBits.ManageChannels },
		]);
		expect(discord.commands.global.map((c) => [c.name, c.default_member_permissions])).toEqual([
			['paper', null],
			['subscribe', String(PermissionFlagsBits.ManageChannels)],
		]);
	});

	it('accepts the interaction callbacks discord.js sends: reply, defer and edit, follow-up, update, autocomplete, modal', async () => {
		handle = async (interaction) => {
			if (interaction.isAutocomplete()) return void (await interaction.respond([{ name: 'graphs', value: 'graphs' }]));
			if (interaction.isButton()) return void (await interaction.update({ content: 'Page 2', components: [] }));
			if (!interaction.isChatInputCommand()) return;
			if (interaction.commandName === 'modal') {
				const input = new TextInputBuilder().setCustomId('topic').setLabel('Topic').setStyle(TextInputStyle.Short);
				const modal = new ModalBuilder().setCustomId('follow').setTitle('Follow a topic');
				return void (await interaction.showModal(modal.addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input))));
			}
			if (interaction.commandName === 'reply') return void (await interaction.reply({ content: 'Private', flags: MessageFlags.Ephemeral }));
			await interaction.deferReply();
			await interaction.editReply({ content: 'Found', embeds: [new EmbedBuilder().setDescription('A paper')] });
			await interaction.followUp({ content: 'More', allowedMentions: { parse: [] } });
		};
		const command = (name: string): FakeInteraction =>
			discord.dispatchInteraction({ type: InteractionType.ApplicationCommand, data: { name } });
		expect((await command('reply').response()).type).toBe(InteractionResponseType.ChannelMessageWithSource);
		const deferred = command('defer');
		await deferred.waitForFollowUp();
		expect(deferred.edits).toHaveLength(1);
		expect((await command('modal').response()).type).toBe(InteractionResponseType.Modal);
		const focused = { type: ApplicationCommandOptionType.String, name: 'query', value: 'gr', focused: true };
		const autocomplete = discord.dispatchInteraction({
			type: InteractionType.ApplicationCommandAutocomplete,
			data: { name: 'search', options: [focused] },
		});
		expect((await autocomplete.response()).type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
		const button = discord.dispatchInteraction({
			type: InteractionType.MessageComponent,
			data: { custom_id: 'page:2', component_type: ComponentType.Button },
		});
		expect((await button.response()).type).toBe(InteractionResponseType.UpdateMessage);
	});

	const row = (...components: unknown[]): unknown => ({ type: ComponentType.ActionRow, components });
	const button = (id: string): unknown => ({ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: id, label: id });
	it.each([
		{
			what: 'an embed field value that is not a string',
			body: { embeds: [{ title: 'ok', fields: [{ name: 'Topics', value: 42 }] }] },
			errors: { embeds: { 0: { fields: { 0: { value: { _errors: [{ code: 'STRING_TYPE_CONVERT' }] } } } } } },
		},
		{
			what: 'an embed without a field value, and a colour that is not a number',
			body: { embeds: [{ color: 'blue', fields: [{ name: 'Topics' }] }] },
			errors: {
				embeds: {
					0: {
						color: { _errors: [{ code: 'NUMBER_TYPE_COERCE' }] },
						fields: { 0: { value: { _errors: [{ code: 'BASE_TYPE_REQUIRED' }] } } },
					},
				},
			},
		},
		{
			what: 'content over the 4000 characters the spec allows here',
			body: { content: 'x'.repeat(4001) },
			// and over a bot's documented 2000 as well
			errors: { content: { _errors: [{ message: 'Must be 4000 or fewer in length.' }, { message: 'Must be 2000 or fewer in length.' }] } },
		},
		{
			what: 'allowed_mentions.parse that is not a list',
			body: { content: 'hi', allowed_mentions: { parse: 'users' } },
			errors: { allowed_mentions: { parse: { _errors: [{ code: 'LIST_TYPE_CONVERT' }] } } },
		},
		{
			what: 'allowed_mentions.parse naming no mention type',
			body: { content: 'hi', allowed_mentions: { parse: ['users', 'channels'] } },
			errors: {
				allowed_mentions: { parse: { 1: { _errors: [{ code: 'BASE_TYPE_CHOICES', message: expect.stringContaining('"everyone"') }] } } },
			},
		},
		{
			what: 'a button without a style',
			body: { content: 'hi', components: [row({ type: ComponentType.Button, custom_id: 'next', label: 'Next' })] },
			errors: { components: { 0: { components: { 0: { style: { _errors: [{ code: 'BASE_TYPE_REQUIRED' }] } } } } } },
		},
		{
			what: 'an action row of six buttons',
			body: { content: 'hi', components: [row(...['a', 'b', 'c', 'd', 'e', 'f'].map(button))] },
			errors: {
				components: { 0: { components: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 5 or fewer in length.' }] } } },
			},
		},
		{
			what: 'a component of no known type',
			body: { content: 'hi', components: [{ type: 99, components: [] }] },
			errors: { components: { 0: { type: { _errors: [{ code: 'BASE_TYPE_CHOICES' }] } } } },
		},
		{
			what: 'a nonce over 25 characters',
			body: { content: 'hi', nonce: 'n'.repeat(26) },
			errors: { nonce: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } },
		},
	])('refuses $what with 50035 Invalid Form Body, and records it', async ({ body, errors }) => {
		const before = discord.channelMessages(papers()).length;
		const { status, json } = await send('POST', `/channels/${papers()}/messages`, body);
		expect(status).toBe(400);
		expect(json).toMatchObject({ code: 50035, message: 'Invalid Form Body', errors });
		expect(discord.channelMessages(papers())).toHaveLength(before);
		const [violation, ...more] = discord.takeSpecViolations();
		expect(more).toEqual([]);
		expect(violation).toMatchObject({
			method: 'POST',
			path: `/channels/${papers()}/messages`,
			operation: 'POST /channels/{channel_id}/messages',
			body,
		});
		expect(violation!.problems.some((p) => p.source === 'openapi')).toBe(true);
	});

	it('checks interaction callbacks, follow-ups and edits against their own operations', async () => {
		const interaction = unanswered();
		const tooLong = await send(
			'POST',
			callbackPath(interaction),
			{ type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'x'.repeat(2001) } },
			false,
		);
		expect(tooLong).toMatchObject({
			status: 400,
			json: { code: 50035, errors: { data: { content: { _errors: [{ message: 'Must be 2000 or fewer in length.' }] } } } },
		});
		const noSuchType = await send('POST', callbackPath(interaction), { type: 3 }, false);
		expect(noSuchType).toMatchObject({ status: 400, json: { errors: { type: { _errors: [{ code: 'BASE_TYPE_CHOICES' }] } } } });
		const modalWithoutTitle = await send(
			'POST',
			callbackPath(interaction),
			{ type: InteractionResponseType.Modal, data: { custom_id: 'm', components: [] } },
			false,
		);
		expect(modalWithoutTitle).toMatchObject({
			status: 400,
			json: { errors: { data: { title: { _errors: [{ code: 'BASE_TYPE_REQUIRED' }] } } } },
		});
		expect(interaction.acknowledged).toBe(false);
		const ok = await send(
			'POST',
			callbackPath(interaction),
			{ type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'fine' } },
			false,
		);
		expect(ok.status).toBe(204);
		const webhook = `/webhooks/${discord.applicationId}/${interaction.token}`;
		const followUp = await send('POST', webhook, { content: 'y'.repeat(2001) }, false);
		expect(followUp).toMatchObject({ status: 400, json: { errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } });
		const edit = await send('PATCH', `${webhook}/messages/@original`, { embeds: [{ url: 'not a url' }] }, false);
		expect(edit).toMatchObject({
			status: 400,
			json: { errors: { embeds: { 0: { url: { _errors: [{ code: 'URL_TYPE_INVALID_URL' }] } } } } },
		});
		expect(interaction.original?.content).toBe('fine');
		expect(discord.takeSpecViolations().map((v) => v.operation)).toEqual([
			'POST /interactions/{interaction_id}/{interaction_token}/callback',
			'POST /interactions/{interaction_id}/{interaction_token}/callback',
			'POST /interactions/{interaction_id}/{interaction_token}/callback',
			'POST /webhooks/{webhook_id}/{webhook_token}',
			'PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original',
		]);
	});

	it('refuses a callback type that does not suit the interaction, which the spec cannot say', async () => {
		handle = async () => {};
		const autocomplete = discord.dispatchInteraction({ type: InteractionType.ApplicationCommandAutocomplete, data: { name: 'search' } });
		const reply = { type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'not a choice list' } };
		const { status, json } = await send('POST', callbackPath(autocomplete), reply, false);
		expect(status).toBe(400);
		expect(json).toMatchObject({ code: 50035, errors: { type: { _errors: [{ code: 'INTERACTION_RESPONSE_TYPE_INVALID' }] } } });
		expect(autocomplete.acknowledged).toBe(false);
		expect(discord.takeSpecViolations()).toMatchObject([{ problems: [{ path: ['type'], source: 'documented limit' }] }]);
	});

	it('checks command lists: an option without a description, of no known type', async () => {
		const path = `/applications/${discord.applicationId}/commands`;
		const body = [{ name: 'paper', description: 'Papers', options: [{ type: 1, name: 'search', options: [{ type: 77, name: 'query' }] }] }];
		const { status, json } = await send('PUT', path, body);
		expect(status).toBe(400);
		expect(json).toMatchObject({
			code: 50035,
			errors: {
				0: {
					options: {
						0: {
							description: { _errors: [{ code: 'BASE_TYPE_REQUIRED' }] },
							options: { 0: { type: { _errors: [{ code: 'BASE_TYPE_CHOICES' }] } } },
						},
					},
				},
			},
		});
		expect(discord.takeSpecViolations()).toMatchObject([{ operation: 'PUT /applications/{application_id}/commands' }]);
	});

	it('refuses what Discord documents and the spec does not state: 6000 embed characters in all, a bot’s 2000 of content', async () => {
		const embeds = [{ description: 'a'.repeat(3500) }, { description: 'b'.repeat(3500) }];
		// Each embed is within the spec (a description may hold 4096); their sum is beyond Discord's documented 6000.
		const check = { method: 'POST', template: '/channels/{channel_id}/messages', body: { embeds }, multipart: false, fileFields: [] };
		expect(specProblems(check)).toEqual([]);
		const { status, json } = await send('POST', `/channels/${papers()}/messages`, { embeds });
		expect(status).toBe(400);
		expect(json).toMatchObject({ code: 50035, errors: { embeds: { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED' }] } } });
		const content = await send('POST', `/channels/${papers()}/messages`, { content: 'c'.repeat(2001) });
		expect(content).toMatchObject({
			status: 400,
			json: { errors: { content: { _errors: [{ message: 'Must be 2000 or fewer in length.' }] } } },
		});
		expect(discord.takeSpecViolations().map((v) => v.problems.map((p) => [p.path.join('.'), p.source]))).toEqual([
			[['embeds', 'documented limit']],
			[['content', 'documented limit']],
		]);
	});

	it('records a refused body even when an injected failure answers it', async () => {
		discord.failNext({ method: 'POST', path: `/channels/${papers()}/messages`, status: 500 });
		expect((await send('POST', `/channels/${papers()}/messages`, { content: 5 })).status).toBe(500);
		expect(discord.takeSpecViolations()).toMatchObject([{ problems: [{ path: ['content'], code: 'STRING_TYPE_CONVERT' }] }]);
	});

	it('fails close() while a refused body is left, naming the request and the field', async () => {
		const other = await FakeDiscord.start({ token: TOKEN });
		const response = await fetch(`${other.apiUrl}/v10/channels/${other.channel('general').id}/messages`, {
			method: 'POST',
			headers: { authorization: `Bot ${TOKEN}`, 'content-type': 'application/json' },
			body: JSON.stringify({ embeds: [{ title: 7 }] }),
		});
		expect(response.status).toBe(400);
		await expect(other.close()).rejects.toThrow(
			/1 request body Discord would refuse[\s\S]*POST \/channels\/\d+\/messages[\s\S]*embeds\.0\.title: STRING_TYPE_CONVERT/,
		);
	});
});

describe('the fake’s routes are the spec’s operations', () => {
	const served = new Router().add(...appRoutes, ...channelRoutes, ...interactionRoutes).routes;

	it('serves no route that the spec lacks', () => {
		expect(served.length).toBeGreaterThan(20);
		expect(() => assertRoutesInSpec(served)).not.toThrow();
		const webhookMessages = served.filter((r) => r.pattern.startsWith('/webhooks/{webhook_id}/{webhook_token}/messages/'));
		expect(new Set(webhookMessages.map((r) => r.pattern))).toEqual(
			new Set([
				'/webhooks/{webhook_id}/{webhook_token}/messages/@original',
				'/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}',
			]),
		);
	});

	it('refuses, naming them, routes whose method or template the spec does not have', () => {
		const handle = () => ({ status: 204 });
		const wrong = [
			route('POST', '/channels/{id}/messages', handle), // the spec names it channel_id
			route('DELETE', '/gateway', handle),
			route('GET', '/channels/{channel_id}/messages/', handle),
		];
		expect(() => assertRoutesInSpec([...served, ...wrong])).toThrow(
			/POST \/channels\/\{id\}\/messages, DELETE \/gateway, GET \/channels\/\{channel_id\}\/messages\/$/,
		);
	});

	it('matches a concrete path exactly, a literal segment before a parameter', () => {
		const router = new Router().add(...interactionRoutes, ...channelRoutes);
		const match = (method: string, path: string) => {
			const found = router.match(method, path);
			return found && { pattern: found.route.pattern, params: found.params };
		};
		expect(match('PATCH', '/webhooks/1/tok/messages/@original')).toEqual({
			pattern: '/webhooks/{webhook_id}/{webhook_token}/messages/@original',
			params: { webhook_id: '1', webhook_token: 'tok' },
		});
		expect(match('PATCH', '/webhooks/1/tok/messages/22')).toEqual({
			pattern: '/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}',
			params: { webhook_id: '1', webhook_token: 'tok', message_id: '22' },
		});
		expect(match('POST', '/channels/5/messages')?.params).toEqual({ channel_id: '5' });
		for (const [method, path] of [
			['POST', '/channels/5/messages/'],
			['POST', '/channels//messages'],
			['POST', '/channels/5/messages/6/7'],
			['PUT', '/channels/5/messages'],
			['POST', 'channels/5/messages'],
		] as const)
			expect(match(method, path)).toBeNull();
	});
});
