/**
 * A fake Discord for tests: the real discord.js Client logs into it over 127.0.0.1.
 *
 * ```ts
 * const discord = await FakeDiscord.start({ token: 'test-token', guilds: [{ name: 'Lab', channels: [{ name: 'papers' }] }] });
 * const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl } });
 * await client.login('test-token'); // then wait for Events.ClientReady
 * const query = { type: ApplicationCommandOptionType.String, name: 'query', value: 'graphs' };
 * const interaction = discord.dispatchInteraction({ type: InteractionType.ApplicationCommand, data: { name: 'search', options: [query] } });
 * expect((await interaction.response()).data?.content).toContain('graphs');
 * await client.destroy(); // before close(), or the shard keeps reconnecting
 * await discord.close();
 * ```
 *
 * REST v10 lives under `${apiUrl}/v10`, the JSON gateway at `${gatewayUrl}` (from GET /gateway/bot).
 * Every request is in `requests`; unknown routes answer 404 `{ message: '404: Not Found', code: 0 }`.
 * Discord's failure modes on demand: `failNext` (injected errors), `messageRateLimit` (honest per-channel
 * limit and 429s), `holdNext` (answer withheld after the effect), `deleteChannel`, `setBotPermissions`.
 *
 * Every route is an operation of Discord's OpenAPI spec (`../shared/discord-api-spec/openapi.json`,
 * openapi.ts), and every request body is checked against it and against the limits Discord documents
 * beyond it (validate.ts): a body Discord would refuse gets its 400 50035 Invalid Form Body and lands
 * in `specViolations`, and close() then throws, so every test checks what it sent. A test that sends
 * such a body on purpose takes it off with `takeSpecViolations()`.
 */
export { FakeDiscord } from './server.ts';
export { FakeInteraction } from './interaction.ts';
export { MessageFlag } from './messages.ts';
export { ADMINISTRATOR, ALL_PERMISSIONS, MEMBER_PERMISSIONS } from './payloads.ts';
export { DISCORD_EPOCH, isSnowflake, snowflake } from './snowflake.ts';
export type {
	BotPermissions,
	DispatchInteractionOptions,
	FailureRule,
	FakeChannel,
	FakeChannelOptions,
	FakeDiscordOptions,
	FakeEmbed,
	FakeGuild,
	FakeGuildOptions,
	FakeMessage,
	FakeUser,
	HeldReply,
	HeldResponse,
	IdentifyRecord,
	InteractionCallback,
	MessageBody,
	RateLimitOptions,
	RecordedFile,
	RecordedRequest,
	RegisteredCommand,
	RequestMatch,
	SpecViolation,
} from './types.ts';
