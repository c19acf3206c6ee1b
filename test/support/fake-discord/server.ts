import { GatewayDispatchEvents } from 'discord.js';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addChannel, deleteChannel, setBotPermissions } from './channels.ts';
import { FakeGateway, GATEWAY_PATH } from './gateway.ts';
import { Hold } from './hold.ts';
import { createRequestListener } from './http.ts';
import { FakeInteraction } from './interaction.ts';
import { assertRoutesInSpec, describeViolations } from './openapi.ts';
import { Router } from './router.ts';
import { appRoutes } from './routes-app.ts';
import { channelRoutes } from './routes-channels.ts';
import { interactionRoutes } from './routes-interactions.ts';
import { threadRoutes } from './routes-threads.ts';
import { FakeDiscordView } from './server-view.ts';
import { createState, GUILD_DISPATCH, requestMatches, waitFor } from './state.ts';
import type { FakeState } from './state.ts';
import type {
	BotPermissions,
	DispatchInteractionOptions,
	FailureRule,
	FakeChannel,
	FakeChannelOptions,
	FakeDiscordOptions,
	FakeMessage,
	HeldResponse,
	IdentifyRecord,
	RecordedRequest,
	RequestMatch,
	SpecViolation,
} from './types.ts';

/** A fake Discord on 127.0.0.1 (or `host`) that the real discord.js Client logs into: REST v10 under /api, JSON gateway on /gateway. */
export class FakeDiscord extends FakeDiscordView {
	private readonly server: Server;
	private constructor(state: FakeState, server: Server, gateway: FakeGateway, port: number) {
		super(state, gateway, port);
		this.server = server;
	}

	static async start(options: FakeDiscordOptions): Promise<FakeDiscord> {
		const state = createState(options);
		const router = new Router().add(...appRoutes, ...channelRoutes, ...threadRoutes, ...interactionRoutes);
		assertRoutesInSpec(router.routes);
		const server = createServer(createRequestListener(state, router));
		const gateway = new FakeGateway(state);
		state.events.on(GUILD_DISPATCH, (t: string, d: unknown, guildId: string) => gateway.dispatchToGuild(t, d, guildId));
		server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(0, state.host, () => resolve());
		});
		const { port } = server.address() as AddressInfo;
		state.gatewayUrl = `ws://${state.host}:${port}${GATEWAY_PATH}`;
		return new FakeDiscord(state, server, gateway, port);
	}

	/** Resolves once `count` shards have identified (READY and GUILD_CREATEs sent); with the last of them. */
	waitForIdentify(options: { count?: number; timeoutMs?: number } = {}): Promise<IdentifyRecord> {
		const count = options.count ?? 1;
		return waitFor(this.state, `${count} IDENTIFY`, () => this.state.identifies[count - 1], options.timeoutMs);
	}

	/** Resolves with the first request (already received ones included) matching method and path, and answered. */
	waitForRequest(match: RequestMatch, timeoutMs?: number): Promise<RecordedRequest> {
		const test = (r: RecordedRequest): boolean => r.status !== 0 && requestMatches(match, r);
		return waitFor(this.state, `a request ${match.method ?? ''} ${String(match.path)}`, () => this.state.requests.find(test), timeoutMs);
	}

	/** Sends INTERACTION_CREATE to the shard of its guild; the handle tells what the bot answers. */
	dispatchInteraction(options: DispatchInteractionOptions): FakeInteraction {
		const interaction = new FakeInteraction(this.state, options.type, options);
		this.state.interactions.set(interaction.id, interaction);
		this.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, interaction.payload, interaction.guildId);
		return interaction;
	}

	/** Sends any dispatch event (`t`, `d`) to the shard of `guildId` (shard 0 without one). */
	dispatch(event: string, data: unknown, guildId?: string): void {
		this.gateway.dispatch(event, data, guildId);
	}

	/** Sends op 7 RECONNECT to every connected shard; the client resumes. */
	requestReconnect(): void {
		this.gateway.requestReconnect();
	}

	/** Resolves once the channel holds at least `count` messages, with all of them. */
	waitForChannelMessages(channelId: string, count = 1, timeoutMs?: number): Promise<readonly FakeMessage[]> {
		const check = (): readonly FakeMessage[] | undefined =>
			this.channelMessages(channelId).length >= count ? this.channelMessages(channelId) : undefined;
		return waitFor(this.state, `${count} message(s) in channel ${channelId}`, check, timeoutMs);
	}

	/** Fails the next `times` (default 1) requests matching method and path, before any route runs. */
	failNext(rule: FailureRule): void {
		this.state.failures.push({ ...rule, left: rule.times ?? 1 });
	}

	/**
	 * Processes the next request matching method and path fully (a posted message is stored) but
	 * withholds its answer until `release()`; closing the server drops it with its socket instead.
	 */
	holdNext(match: RequestMatch): HeldResponse {
		const hold = new Hold(match);
		this.state.holds.push(hold);
		return hold;
	}

	/** Lets Discord's memory of enforced nonces lapse, as it does after a few minutes: a nonce sent again then makes a new message. */
	forgetNonces(): void {
		this.state.nonces.clear();
	}

	/** Adds a channel to a guild and sends CHANNEL_CREATE to its connected shard(s). */
	addChannel(guildId: string, options: FakeChannelOptions): FakeChannel {
		return addChannel(this.state, this.gateway, guildId, options);
	}

	/** Removes a channel (REST then answers 10003 Unknown Channel) and sends CHANNEL_DELETE to its connected shard(s). */
	deleteChannel(channelId: string): FakeChannel {
		return deleteChannel(this.state, this.gateway, channelId);
	}

	/** Changes what the bot may do in a channel (given fields only) and sends CHANNEL_UPDATE with its member overwrite. */
	setBotPermissions(channelId: string, permissions: BotPermissions): FakeChannel {
		return setBotPermissions(this.state, this.gateway, channelId, permissions);
	}

	/** Takes the recorded spec violations off the list, for a test that sent invalid bodies on purpose. */
	takeSpecViolations(): SpecViolation[] {
		return this.state.specViolations.splice(0);
	}

	/**
	 * Closes every gateway connection and the server (held answers are dropped). Destroy the client
	 * first, or its shards retry forever. Then rejects if any request body was one Discord would
	 * refuse (`specViolations`), so that every test using the fake checks what it sent.
	 */
	close(): Promise<void> {
		this.closing ??= (async () => {
			for (const hold of [...this.state.holds.splice(0), ...this.state.heldNow]) hold.drop();
			await this.gateway.close();
			this.server.closeAllConnections();
			await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
			if (this.state.specViolations.length > 0) throw new Error(describeViolations(this.state.specViolations));
		})();
		return this.closing;
	}
	private closing: Promise<void> | null = null;
}
