import { once } from 'node:events';
import {
	ApplicationCommandOptionType,
	AttachmentBuilder,
	ButtonStyle,
	Client,
	ComponentType,
	DiscordAPIError,
	Events,
	GatewayIntentBits,
	InteractionResponseType,
	InteractionType,
	PermissionFlagsBits,
	REST,
	Routes,
} from 'discord.js';
import type { Channel, ChatInputApplicationCommandData, ChatInputCommandInteraction, Interaction, TextChannel } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord, isSnowflake } from './support/fake-discord/index.ts';
import type { FakeMessage } from './support/fake-discord/index.ts';

const TOKEN = 'fake-bot-token.for.tests';

describe('FakeDiscord with the real discord.js Client', () => {
	let discord: FakeDiscord;
	let client: Client;
	let readyAfterMs = 0;
	let handle: (interaction: Interaction) => Promise<void> = async () => {};
	const listenerErrors: unknown[] = [];

	beforeAll(async () => {
		discord = await FakeDiscord.start({
			token: TOKEN,
			guilds: [{ name: 'Paperboy Lab', channels: [{ name: 'papers' }, { name: 'general' }] }],
		});
		client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl } });
		client.on(Events.InteractionCreate, (interaction) => {
			handle(interaction).catch((error: unknown) => listenerErrors.push(error));
		});
		const started = Date.now();
		const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
		await client.login(TOKEN);
		await ready;
		readyAfterMs = Date.now() - started;
	});

	afterEach(() => {
		expect(listenerErrors).toEqual([]);
	});

	afterAll(async () => {
		await client?.destroy();
		await discord?.close();
	});

	it('logs in over REST and the gateway, and gets ready quickly with the guild cached', async () => {
		expect(readyAfterMs).toBeLessThan(3_000);
		const identify = await discord.waitForIdentify();
		expect(identify).toMatchObject({ token: TOKEN, shard: [0, 1], intents: GatewayIntentBits.Guilds });
		expect(discord.gatewayConnections[0]).toMatchObject({ v: '10', encoding: 'json' });
		expect(client.user?.id).toBe(discord.botUser.id);
		expect(client.application?.id).toBe(discord.applicationId);
		const [guild] = discord.guilds;
		expect(guild && isSnowflake(guild.id)).toBe(true);
		const cached = client.guilds.cache.get(guild?.id ?? '');
		expect(cached?.available).toBe(true);
		expect(cached?.channels.cache.map((c) => c.name).sort()).toEqual(['general', 'papers']);
		expect(cached?.members.me?.id).toBe(discord.botUser.id);
		const gatewayBot = discord.requests.find((r) => r.path === '/gateway/bot');
		expect(gatewayBot?.headers.authorization).toBe(`Bot ${TOKEN}`);
	});

	it('registers global and guild commands by bulk overwrite', async () => {
		const guildId = discord.guilds[0]?.id ?? '';
		const search: ChatInputApplicationCommandData = {
			name: 'search',
			description: 'Search papers',
			options: [{ type: ApplicationCommandOptionType.String, name: 'query', description: 'Words', required: true, autocomplete: true }],
		};
		const set = await client.application!.commands.set([search, { name: 'follow', description: 'Follow a topic' }]);
		expect(discord.commands.global.map((c) => c.name)).toEqual(['search', 'follow']);
		expect([...set.keys()]).toEqual(discord.commands.global.map((c) => c.id));
		await client.application!.commands.set([{ name: 'admin', description: 'Admin things' }], guildId);
		expect(discord.commands.guilds[guildId]?.map((c) => c.name)).toEqual(['admin']);
		const put = discord.requests.filter((r) => r.method === 'PUT');
		expect(put.map((r) => r.path)).toEqual([
			`/applications/${discord.applicationId}/commands`,
			`/applications/${discord.applicationId}/guilds/${guildId}/commands`,
		]);
		await expect(client.application!.commands.set([{ name: 'Bad Name', description: 'x' }])).rejects.toMatchObject({ code: 50035 });
		expect(discord.takeSpecViolations()).toMatchObject([
			{ operation: 'PUT /applications/{application_id}/commands', problems: [{ path: [0, 'name'], source: 'documented limit' }] },
		]);
	});

	it('delivers a slash command and records the reply callback', async () => {
		let seen: { name: string; query: string | null; channel: string | null; user: string; canManage: boolean } | null = null;
		handle = async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			seen = {
				name: interaction.commandName,
				query: interaction.options.getString('query'),
				channel: interaction.channelId,
				user: interaction.user.id,
				canManage: interaction.memberPermissions?.has('ManageGuild') ?? false,
			};
			await interaction.reply({ content: `Results for ${seen.query}`, allowedMentions: { parse: [] } });
		};
		const papers = discord.channel('papers');
		const interaction = discord.dispatchInteraction({
			type: InteractionType.ApplicationCommand,
			channelId: papers.id,
			data: { name: 'search', options: [{ type: ApplicationCommandOptionType.String, name: 'query', value: 'graphs' }] },
		});
		const response = await interaction.response();
		expect(response).toMatchObject({
			type: InteractionResponseType.ChannelMessageWithSource,
			data: { content: 'Results for graphs', allowed_mentions: { parse: [] } },
		});
		expect(seen).toEqual({ name: 'search', query: 'graphs', channel: papers.id, user: discord.defaultUser.id, canManage: false });
		expect(interaction.original?.content).toBe('Results for graphs');
		const request = discord.requests.find((r) => r.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
		expect(request).toMatchObject({ method: 'POST', status: 204, query: { with_response: 'false' } });
		expect(request?.headers['content-type']).toBe('application/json');
	});

	it('handles deferReply then editReply, and followUp', async () => {
		handle = async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			await interaction.deferReply();
			await interaction.editReply({ content: 'Found 3 papers' });
			const extra = await interaction.followUp({ content: 'More results' });
			expect(isSnowflake(extra.id)).toBe(true);
		};
		const interaction = discord.dispatchInteraction({
			type: InteractionType.ApplicationCommand,
			data: { name: 'search', options: [{ type: ApplicationCommandOptionType.String, name: 'query', value: 'x' }] },
		});
		expect((await interaction.response()).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
		expect((await interaction.waitForEdit()).content).toBe('Found 3 papers');
		expect((await interaction.waitForFollowUp()).content).toBe('More results');
		expect(interaction.original).toMatchObject({ content: 'Found 3 papers', flags: 0 });
		expect(interaction.followUpMessages).toHaveLength(1);
	});

	it('answers autocomplete with choices', async () => {
		handle = async (interaction) => {
			if (!interaction.isAutocomplete()) return;
			const typed = interaction.options.getFocused();
			await interaction.respond([{ name: `${typed} networks`, value: `${typed}-networks` }]);
		};
		const interaction = discord.dispatchInteraction({
			type: InteractionType.ApplicationCommandAutocomplete,
			data: { name: 'search', options: [{ type: ApplicationCommandOptionType.String, name: 'query', value: 'neural', focused: true }] },
		});
		expect(await interaction.response()).toEqual({
			type: InteractionResponseType.ApplicationCommandAutocompleteResult,
			data: { choices: [{ name: 'neural networks', value: 'neural-networks' }] },
		});
	});

	it('updates the message of a button interaction', async () => {
		handle = async (interaction) => {
			if (!interaction.isButton()) return;
			expect(interaction.customId).toBe('page:2');
			expect(interaction.message.content).toBe('Page 1');
			await interaction.update({ content: 'Page 2', components: [] });
		};
		const message = {
			content: 'Page 1',
			components: [
				{
					type: ComponentType.ActionRow,
					components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: 'page:2', label: 'Next' }],
				},
			],
		};
		const interaction = discord.dispatchInteraction({
			type: InteractionType.MessageComponent,
			data: { custom_id: 'page:2', component_type: ComponentType.Button },
			message,
		});
		expect(await interaction.response()).toMatchObject({
			type: InteractionResponseType.UpdateMessage,
			data: { content: 'Page 2', components: [] },
		});
		expect(interaction.original).toMatchObject({ content: 'Page 2', components: [] });
	});

	it('makes @discordjs/rest wait out an injected 429 and retry the callback', async () => {
		handle = async (interaction) => {
			if (interaction.isChatInputCommand()) await interaction.reply({ content: 'after the limit' });
		};
		discord.failNext({ method: 'POST', path: /^\/interactions\/\d+\/[^/]+\/callback$/, status: 429, retryAfter: 0.2 });
		const started = Date.now();
		const interaction = discord.dispatchInteraction({ type: InteractionType.ApplicationCommand, data: { name: 'follow' } });
		expect((await interaction.response()).data?.content).toBe('after the limit');
		expect(Date.now() - started).toBeGreaterThanOrEqual(200);
		const attempts = discord.requests.filter((r) => r.path.startsWith(`/interactions/${interaction.id}/`));
		expect(attempts.map((r) => r.status)).toEqual([429, 204]);
	});

	it('refuses a second callback (40060) and a wrong token (10062), like Discord', async () => {
		handle = async (interaction) => {
			if (interaction.isChatInputCommand()) await interaction.reply({ content: 'first' });
		};
		const interaction = discord.dispatchInteraction({ type: InteractionType.ApplicationCommand, data: { name: 'follow' } });
		await interaction.response();
		const body = { type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'second' } };
		const again = client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body, auth: false });
		await expect(again).rejects.toMatchObject({ code: 40060, status: 400 });
		const wrong = client.rest.post(Routes.interactionCallback(interaction.id, 'not-the-token'), { body, auth: false });
		await expect(wrong).rejects.toMatchObject({ code: 10062, status: 404 });
		expect(interaction.callbacks).toHaveLength(1);
	});

	it('sends channel messages, deduplicating an enforced nonce', async () => {
		const papers = discord.channel('papers');
		const channel = client.channels.cache.get(papers.id) as TextChannel;
		const first = await channel.send({ content: 'New paper', nonce: 'feed-1', enforceNonce: true });
		const again = await channel.send({ content: 'New paper', nonce: 'feed-1', enforceNonce: true });
		const other = await channel.send({ content: 'Another', nonce: 'feed-2', enforceNonce: true });
		expect(again.id).toBe(first.id);
		expect(other.id).not.toBe(first.id);
		expect(discord.channelMessages(papers.id).map((m) => m.content)).toEqual(['New paper', 'Another']);
		expect(first.author.id).toBe(discord.botUser.id);
		discord.failNext({
			method: 'POST',
			path: `/channels/${papers.id}/messages`,
			status: 403,
			body: { message: 'Missing Access', code: 50001 },
		});
		const refused = await channel.send('nope').catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(DiscordAPIError);
		expect(refused).toMatchObject({ code: 50001, status: 403 });
		await expect(channel.send({ content: 'x'.repeat(2001) })).rejects.toMatchObject({ code: 50035 });
		// The spec allows 4000 here (a Nitro user's limit); a bot gets Discord's documented 2000.
		expect(discord.takeSpecViolations()).toMatchObject([{ problems: [{ path: ['content'], source: 'documented limit' }] }]);
	});

	it('records multipart uploads (discord.js sends JSON unless there are files)', async () => {
		const general = discord.channel('general');
		const channel = client.channels.cache.get(general.id) as TextChannel;
		const sent = await channel.send({ content: 'The PDF', files: [new AttachmentBuilder(Buffer.from('%PDF-1.4'), { name: 'paper.pdf' })] });
		const request = await discord.waitForRequest({ method: 'POST', path: `/channels/${general.id}/messages` });
		expect(request.headers['content-type']).toMatch(/^multipart\/form-data/);
		expect(request.body).toMatchObject({ content: 'The PDF' });
		expect(request.files.map((f) => [f.field, f.name, f.data.toString()])).toEqual([['files[0]', 'paper.pdf', '%PDF-1.4']]);
		expect(sent.attachments.first()?.name).toBe('paper.pdf');
	});

	it('answers unknown routes with a Discord-style 404 and records them', async () => {
		await expect(client.rest.get('/nothing/here')).rejects.toMatchObject({
			status: 404,
			code: 0,
			rawError: { message: '404: Not Found', code: 0 },
		});
		expect(discord.unknownRequests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /nothing/here']);
	});

	it('refuses a wrong token', async () => {
		const intruder = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl } });
		await expect(intruder.login('wrong-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
		await intruder.destroy();
	});

	it('shuts down cleanly: client first, then the fake', async () => {
		await client.destroy();
		await discord.close();
		await expect(fetch(`${discord.apiUrl}/v10/gateway`)).rejects.toThrow();
	});
});

describe('FakeDiscord failure modes: rate limits, history, deleted channels, permissions, held answers', () => {
	let discord: FakeDiscord;
	let client: Client;
	const channelNames = ['burst', 'other', 'flood', 'history', 'doomed', 'locked', 'held'];
	const id = (name: string): string => discord.channel(name).id;
	/** Plain fetch, so the raw headers and 429s are visible (discord.js would hide them). */
	const api = (path: string, init: RequestInit = {}): Promise<Response> =>
		fetch(`${discord.apiUrl}/v10${path}`, { ...init, headers: { authorization: `Bot ${TOKEN}`, 'content-type': 'application/json' } });
	const post = (channelId: string, body: Record<string, unknown>): Promise<Response> =>
		api(`/channels/${channelId}/messages`, { method: 'POST', body: JSON.stringify(body) });

	beforeAll(async () => {
		discord = await FakeDiscord.start({
			token: TOKEN,
			guilds: [{ name: 'Failure Lab', channels: channelNames.map((name) => ({ name })) }],
			messageRateLimit: { limit: 5, windowMs: 1_000 },
		});
		client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl } });
		const ready = once(client, Events.ClientReady);
		await client.login(TOKEN);
		await ready;
	});

	afterAll(async () => {
		await client?.destroy();
		await discord?.close();
	});

	it('counts message creation per channel with honest headers, and answers 429 past the limit', async () => {
		const responses: Response[] = [];
		for (let i = 1; i <= 6; i++) responses.push(await post(id('burst'), { content: `burst ${i}` }));
		const header = (name: string): (string | null)[] => responses.map((r) => r.headers.get(name));
		expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429]);
		expect(header('x-ratelimit-remaining')).toEqual(['4', '3', '2', '1', '0', '0']);
		expect(new Set(header('x-ratelimit-limit'))).toEqual(new Set(['5']));
		const resets = header('x-ratelimit-reset-after').map(Number);
		expect(resets.every((r) => r > 0 && r <= 1)).toBe(true);
		expect(Number(header('x-ratelimit-reset')[0]) * 1000).toBeGreaterThan(Date.now());
		const refused = responses[5]!;
		const body = (await refused.json()) as { retry_after: number };
		expect(body).toMatchObject({ message: 'You are being rate limited.', global: false, code: 0 });
		expect(body.retry_after).toBeGreaterThan(0);
		expect(body.retry_after).toBeLessThanOrEqual(1);
		expect(Number(refused.headers.get('retry-after'))).toBe(body.retry_after);
		expect(refused.headers.get('x-ratelimit-scope')).toBe('user');
		expect(discord.rateLimitedCount).toBe(1);
		expect(discord.channelMessages(id('burst'))).toHaveLength(5);
		// One bucket hash for the route, but each channel (the major parameter) has its own window.
		const other = await post(id('other'), { content: 'elsewhere' });
		expect(other.headers.get('x-ratelimit-remaining')).toBe('4');
		expect(other.headers.get('x-ratelimit-bucket')).toBe(responses[0]!.headers.get('x-ratelimit-bucket'));
	});

	it('lets @discordjs/rest pace 12 posts over the 5-per-second limit without being refused', async () => {
		const rest = new REST({ api: discord.apiUrl }).setToken(TOKEN);
		const before = discord.rateLimitedCount;
		const started = Date.now();
		const contents = Array.from({ length: 12 }, (_, i) => `paper ${i + 1}`);
		const sent = (await Promise.all(
			contents.map((content) => rest.post(Routes.channelMessages(id('flood')), { body: { content } })),
		)) as FakeMessage[];
		const elapsed = Date.now() - started;
		expect(sent.map((m) => m.content)).toEqual(contents);
		expect(discord.channelMessages(id('flood')).map((m) => m.content)).toEqual(contents);
		expect(discord.rateLimitedCount - before).toBeLessThanOrEqual(1);
		expect(elapsed).toBeGreaterThanOrEqual(1_900); // three windows of 5, 5 and 2
		expect(elapsed).toBeLessThan(10_000);
	});

	it('lists messages newest first with limit, before, after and around, and keeps the nonce to the create answer', async () => {
		const created: FakeMessage[] = [];
		for (let i = 1; i <= 5; i++)
			created.push((await (await post(id('history'), { content: `h${i}`, nonce: `n-${i}` })).json()) as FakeMessage);
		expect(created.map((m) => m.nonce)).toEqual(['n-1', 'n-2', 'n-3', 'n-4', 'n-5']);
		const ids = created.map((m) => m.id);
		const list = async (query: string): Promise<string[]> => {
			const messages = (await (await api(`/channels/${id('history')}/messages${query}`)).json()) as FakeMessage[];
			expect(messages.every((m) => m.nonce === undefined)).toBe(true);
			return messages.map((m) => m.content);
		};
		expect(await list('')).toEqual(['h5', 'h4', 'h3', 'h2', 'h1']);
		expect(await list('?limit=2')).toEqual(['h5', 'h4']);
		expect(await list(`?before=${ids[3]}&limit=2`)).toEqual(['h3', 'h2']);
		expect(await list(`?after=${ids[0]}&limit=2`)).toEqual(['h3', 'h2']);
		expect(await list(`?after=${ids[1]}`)).toEqual(['h5', 'h4', 'h3']);
		expect(await list(`?around=${ids[2]}&limit=3`)).toEqual(['h4', 'h3', 'h2']);
		const one = (await (await api(`/channels/${id('history')}/messages/${ids[0]}`)).json()) as FakeMessage;
		expect(one.content).toBe('h1');
		expect(one.nonce).toBeUndefined();
		for (const bad of ['?limit=0', '?limit=101', '?before=abc']) {
			const response = await api(`/channels/${id('history')}/messages${bad}`);
			expect(response.status).toBe(400);
			expect(await response.json()).toMatchObject({ code: 50035 });
		}
		const fetched = await (client.channels.cache.get(id('history')) as TextChannel).messages.fetch({ after: ids[2]!, limit: 10 });
		expect([...fetched.values()].map((m) => m.content)).toEqual(['h5', 'h4']);
	});

	it('deletes a channel: CHANNEL_DELETE reaches discord.js, REST answers 10003; and adds one with CHANNEL_CREATE', async () => {
		const doomed = id('doomed');
		const deleted = once(client, Events.ChannelDelete) as Promise<[Channel]>;
		discord.deleteChannel(doomed);
		const [channel] = await deleted;
		expect(channel.id).toBe(doomed);
		expect(client.channels.cache.has(doomed)).toBe(false);
		await expect(client.rest.post(Routes.channelMessages(doomed), { body: { content: 'too late' } })).rejects.toMatchObject({
			status: 404,
			code: 10003,
		});
		await expect(client.rest.get(Routes.channelMessages(doomed))).rejects.toMatchObject({ code: 10003 });
		const guildId = discord.guilds[0]!.id;
		expect(((await client.rest.get(Routes.guildChannels(guildId))) as { id: string }[]).map((c) => c.id)).not.toContain(doomed);
		const created = once(client, Events.ChannelCreate) as Promise<[Channel]>;
		const fresh = discord.addChannel(guildId, { name: 'fresh' });
		expect((await created)[0].id).toBe(fresh.id);
		await (client.channels.cache.get(fresh.id) as TextChannel).send('first post');
		expect(discord.channelMessages(fresh.id).map((m) => m.content)).toEqual(['first post']);
	});

	it('refuses to post without SendMessages (50013), lists nothing without ReadMessageHistory, 50001 without ViewChannel', async () => {
		const locked = id('locked');
		const me = (): bigint => (client.channels.cache.get(locked) as TextChannel).permissionsFor(client.user!)!.bitfield;
		const updated = once(client, Events.ChannelUpdate);
		discord.setBotPermissions(locked, { send: false });
		await updated;
		expect(me() & PermissionFlagsBits.SendMessages).toBe(0n);
		await expect(client.rest.post(Routes.channelMessages(locked), { body: { content: 'x' } })).rejects.toMatchObject({
			status: 403,
			code: 50013,
		});
		const seen = once(client, Events.InteractionCreate) as Promise<[ChatInputCommandInteraction]>;
		const interaction = discord.dispatchInteraction({
			type: InteractionType.ApplicationCommand,
			channelId: locked,
			data: { name: 'follow' },
		});
		const [received] = await seen;
		expect(received.appPermissions.has(PermissionFlagsBits.SendMessages)).toBe(false);
		expect(received.appPermissions.has(PermissionFlagsBits.ViewChannel)).toBe(true);
		expect(interaction.payload.app_permissions).not.toBe('8');
		discord.setBotPermissions(locked, { send: true, readHistory: false });
		const sent = (await client.rest.post(Routes.channelMessages(locked), { body: { content: 'visible' } })) as FakeMessage;
		expect(await client.rest.get(Routes.channelMessages(locked))).toEqual([]);
		await expect(client.rest.get(Routes.channelMessage(locked, sent.id))).rejects.toMatchObject({ status: 403, code: 50013 });
		discord.setBotPermissions(locked, { view: false });
		await expect(client.rest.get(Routes.channelMessages(locked))).rejects.toMatchObject({ status: 403, code: 50001 });
		await expect(client.rest.post(Routes.channelMessages(locked), { body: { content: 'x' } })).rejects.toMatchObject({
			status: 403,
			code: 50001,
		});
		discord.setBotPermissions(locked, { view: true, readHistory: true });
		expect(discord.channel('locked').permissionOverwrites.filter((o) => o.id === discord.botUser.id)).toEqual([]);
		expect((await client.rest.get(Routes.channelMessages(locked))) as FakeMessage[]).toHaveLength(1);
	});

	it('holds the answer to a post that Discord already stored, until released', async () => {
		const channel = client.channels.cache.get(id('held')) as TextChannel;
		const held = discord.holdNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/ });
		let answered = false;
		const sending = channel.send({ content: 'accepted, unanswered', nonce: 'held-1', enforceNonce: true }).then((m) => {
			answered = true;
			return m;
		});
		const { request, status, body } = await held.reached;
		expect(status).toBe(200);
		expect(request.status).toBe(0); // not answered yet
		expect(discord.channelMessages(id('held')).map((m) => m.content)).toEqual(['accepted, unanswered']);
		await new Promise((resolve) => setTimeout(resolve, 150));
		expect(answered).toBe(false);
		held.release();
		const message = await sending;
		expect(message.id).toBe((body as FakeMessage).id);
		expect(request.status).toBe(200);
	});

	it('drops a held answer when the server closes, and rejects a hold never reached', async () => {
		await client.destroy();
		const held = discord.holdNext({ method: 'POST', path: `/channels/${id('held')}/messages` });
		const never = discord.holdNext({ path: '/never' });
		const posting = post(id('held'), { content: 'lost answer' });
		await held.reached;
		await discord.close();
		await expect(posting).rejects.toThrow();
		await expect(never.reached).rejects.toThrow(/closed before/);
		expect(discord.channelMessages(id('held')).map((m) => m.content)).toContain('lost answer');
	});
});
