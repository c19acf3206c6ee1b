import { AttachmentBuilder, ButtonStyle, Client, ComponentType, DiscordAPIError, Events, GatewayIntentBits, Routes } from 'discord.js';
import type { Interaction, TextChannel } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord, isSnowflake } from './support/fake-discord/index.js';

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
		const search = { name: 'search', description: 'Search papers', options: [{ type: 3, name: 'query', description: 'Words', required: true, autocomplete: true }] };
		const set = await client.application!.commands.set([search, { name: 'follow', description: 'Follow a topic' }]);
		expect(discord.commands.global.map((c) => c.name)).toEqual(['search', 'follow']);
		expect([...set.keys()]).toEqual(discord.commands.global.map((c) => c.id));
		await client.application!.commands.set([{ name: 'admin', description: 'Admin things' }], guildId);
		expect(discord.commands.guilds[guildId]?.map((c) => c.name)).toEqual(['admin']);
		const put = discord.requests.filter((r) => r.method === 'PUT');
		expect(put.map((r) => r.path)).toEqual([`/applications/${discord.applicationId}/commands`, `/applications/${discord.applicationId}/guilds/${guildId}/commands`]);
		await expect(client.application!.commands.set([{ name: 'Bad Name', description: 'x' }])).rejects.toMatchObject({ code: 50035 });
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
		const interaction = discord.dispatchInteraction({ type: 2, channelId: papers.id, data: { name: 'search', options: [{ type: 3, name: 'query', value: 'graphs' }] } });
		const response = await interaction.response();
		expect(response).toMatchObject({ type: 4, data: { content: 'Results for graphs', allowed_mentions: { parse: [] } } });
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
		const interaction = discord.dispatchInteraction({ type: 2, data: { name: 'search', options: [{ type: 3, name: 'query', value: 'x' }] } });
		expect((await interaction.response()).type).toBe(5);
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
		const interaction = discord.dispatchInteraction({ type: 4, data: { name: 'search', options: [{ type: 3, name: 'query', value: 'neural', focused: true }] } });
		expect(await interaction.response()).toEqual({ type: 8, data: { choices: [{ name: 'neural networks', value: 'neural-networks' }] } });
	});

	it('updates the message of a button interaction', async () => {
		handle = async (interaction) => {
			if (!interaction.isButton()) return;
			expect(interaction.customId).toBe('page:2');
			expect(interaction.message.content).toBe('Page 1');
			await interaction.update({ content: 'Page 2', components: [] });
		};
		const message = { content: 'Page 1', components: [{ type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: 'page:2', label: 'Next' }] }] };
		const interaction = discord.dispatchInteraction({ type: 3, data: { custom_id: 'page:2', component_type: ComponentType.Button }, message });
		expect(await interaction.response()).toMatchObject({ type: 7, data: { content: 'Page 2', components: [] } });
		expect(interaction.original).toMatchObject({ content: 'Page 2', components: [] });
	});

	it('makes @discordjs/rest wait out an injected 429 and retry the callback', async () => {
		handle = async (interaction) => {
			if (interaction.isChatInputCommand()) await interaction.reply({ content: 'after the limit' });
		};
		discord.failNext({ method: 'POST', path: /^\/interactions\/\d+\/[^/]+\/callback$/, status: 429, retryAfter: 0.2 });
		const started = Date.now();
		const interaction = discord.dispatchInteraction({ type: 2, data: { name: 'follow' } });
		expect((await interaction.response()).data?.content).toBe('after the limit');
		expect(Date.now() - started).toBeGreaterThanOrEqual(200);
		const attempts = discord.requests.filter((r) => r.path.startsWith(`/interactions/${interaction.id}/`));
		expect(attempts.map((r) => r.status)).toEqual([429, 204]);
	});

	it('refuses a second callback (40060) and a wrong token (10062), like Discord', async () => {
		handle = async (interaction) => {
			if (interaction.isChatInputCommand()) await interaction.reply({ content: 'first' });
		};
		const interaction = discord.dispatchInteraction({ type: 2, data: { name: 'follow' } });
		await interaction.response();
		const body = { type: 4, data: { content: 'second' } };
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
		discord.failNext({ method: 'POST', path: `/channels/${papers.id}/messages`, status: 403, body: { message: 'Missing Access', code: 50001 } });
		const refused = await channel.send('nope').catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(DiscordAPIError);
		expect(refused).toMatchObject({ code: 50001, status: 403 });
		await expect(channel.send({ content: 'x'.repeat(2001) })).rejects.toMatchObject({ code: 50035 });
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
		await expect(client.rest.get('/nothing/here')).rejects.toMatchObject({ status: 404, code: 0, rawError: { message: '404: Not Found', code: 0 } });
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
