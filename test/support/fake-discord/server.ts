import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGateway, GATEWAY_PATH } from './gateway.js';
import { createRequestListener } from './http.js';
import { FakeInteraction } from './interaction.js';
import { Router } from './router.js';
import { appRoutes } from './routes-app.js';
import { channelRoutes } from './routes-channels.js';
import { interactionRoutes } from './routes-interactions.js';
import { createState, waitFor } from './state.js';
import type { FakeState } from './state.js';
import type {
	DispatchInteractionOptions,
	FailureRule,
	FakeChannel,
	FakeDiscordOptions,
	FakeGuild,
	FakeMessage,
	FakeUser,
	IdentifyRecord,
	RecordedRequest,
	RegisteredCommand,
} from './types.js';

/** A fake Discord on 127.0.0.1 that the real discord.js Client logs into: REST v10 under /api, JSON gateway on /gateway. */
export class FakeDiscord {
	private constructor(
		private readonly state: FakeState,
		private readonly server: Server,
		private readonly gateway: FakeGateway,
		/** The ephemeral port the server listens on. */
		readonly port: number,
	) {}

	static async start(options: FakeDiscordOptions): Promise<FakeDiscord> {
		const state = createState(options);
		const router = new Router().add(...appRoutes, ...channelRoutes, ...interactionRoutes);
		const server = createServer(createRequestListener(state, router));
		const gateway = new FakeGateway(state);
		server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => resolve());
		});
		const { port } = server.address() as AddressInfo;
		state.gatewayUrl = `ws://127.0.0.1:${port}${GATEWAY_PATH}`;
		return new FakeDiscord(state, server, gateway, port);
	}

	/** For `new Client({ rest: { api } })` or DISCORD_API_URL: discord.js appends `/v10`. */
	get apiUrl(): string {
		return `http://127.0.0.1:${this.port}/api`;
	}
	get gatewayUrl(): string {
		return this.state.gatewayUrl;
	}
	get token(): string {
		return this.state.token;
	}
	get applicationId(): string {
		return this.state.applicationId;
	}
	get botUser(): FakeUser {
		return this.state.botUser;
	}
	/** Who interactions come from unless `user` is given (same user for every dispatch). */
	get defaultUser(): FakeUser {
		return this.state.defaultUser;
	}
	get guilds(): readonly FakeGuild[] {
		return this.state.guilds;
	}
	/** A channel by name (or id), in any guild; throws when there is none. */
	channel(nameOrId: string): FakeChannel {
		const found = [...this.state.channels.values()].find((c) => c.id === nameOrId || c.name === nameOrId);
		if (!found) throw new Error(`FakeDiscord: no channel ${nameOrId}`);
		return found;
	}

	/** Every REST request, in arrival order (failed and unknown ones included). */
	get requests(): readonly RecordedRequest[] {
		return this.state.requests;
	}
	/** Requests no route matched (answered 404 `{ message: '404: Not Found', code: 0 }`). */
	get unknownRequests(): readonly RecordedRequest[] {
		return this.state.requests.filter((r) => r.unknownRoute);
	}
	/** The registered commands: global, and per guild id (after bulk overwrites and creates). */
	get commands(): { readonly global: readonly RegisteredCommand[]; readonly guilds: Readonly<Record<string, readonly RegisteredCommand[]>> } {
		return this.state.commands;
	}
	get identifies(): readonly IdentifyRecord[] {
		return this.state.identifies;
	}
	/** Query strings the gateway connections were opened with. */
	get gatewayConnections(): readonly Record<string, string>[] {
		return this.gateway.connections;
	}

	/** Resolves once `count` shards have identified (READY and GUILD_CREATEs sent); with the last of them. */
	waitForIdentify(options: { count?: number; timeoutMs?: number } = {}): Promise<IdentifyRecord> {
		const count = options.count ?? 1;
		return waitFor(this.state, `${count} IDENTIFY`, () => this.state.identifies[count - 1], options.timeoutMs);
	}

	/** Resolves with the first request (already received ones included) matching method and path, and answered. */
	waitForRequest(match: { method?: string; path: RegExp | string }, timeoutMs?: number): Promise<RecordedRequest> {
		const test = (r: RecordedRequest): boolean =>
			r.status !== 0 &&
			(!match.method || match.method.toUpperCase() === r.method) &&
			(typeof match.path === 'string' ? match.path === r.path : match.path.test(r.path));
		return waitFor(this.state, `a request ${match.method ?? ''} ${String(match.path)}`, () => this.state.requests.find(test), timeoutMs);
	}

	/** Sends INTERACTION_CREATE to the shard of its guild; the handle tells what the bot answers. */
	dispatchInteraction(options: DispatchInteractionOptions): FakeInteraction {
		const interaction = new FakeInteraction(this.state, options.type, options);
		this.state.interactions.set(interaction.id, interaction);
		this.gateway.dispatch('INTERACTION_CREATE', interaction.payload, interaction.guildId);
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

	/** Messages created through POST /channels/{id}/messages in that channel, oldest first. */
	channelMessages(channelId: string): readonly FakeMessage[] {
		return this.state.messages.get(channelId) ?? [];
	}

	/** Resolves once the channel holds at least `count` messages, with all of them. */
	waitForChannelMessages(channelId: string, count = 1, timeoutMs?: number): Promise<readonly FakeMessage[]> {
		const check = (): readonly FakeMessage[] | undefined => (this.channelMessages(channelId).length >= count ? this.channelMessages(channelId) : undefined);
		return waitFor(this.state, `${count} message(s) in channel ${channelId}`, check, timeoutMs);
	}

	/** Fails the next `times` (default 1) requests matching method and path, before any route runs. */
	failNext(rule: FailureRule): void {
		this.state.failures.push({ ...rule, left: rule.times ?? 1 });
	}

	/** Closes every gateway connection and the server. Destroy the client first, or its shards retry forever. */
	close(): Promise<void> {
		this.closing ??= (async () => {
			await this.gateway.close();
			this.server.closeAllConnections();
			await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
		})();
		return this.closing;
	}
	private closing: Promise<void> | null = null;
}
