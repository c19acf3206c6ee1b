import type { FakeGateway } from './gateway.ts';
import type { FakeState } from './state.ts';
import type {
	FakeChannel,
	FakeGuild,
	FakeMessage,
	FakeUser,
	IdentifyRecord,
	RecordedRequest,
	RegisteredCommand,
	SpecViolation,
} from './types.ts';

/** What a test can read of the fake; FakeDiscord (server.ts) adds what it can do to it. */
export abstract class FakeDiscordView {
	protected readonly state: FakeState;
	protected readonly gateway: FakeGateway;
	readonly port: number;
	protected constructor(
		state: FakeState,
		gateway: FakeGateway,
		/** The ephemeral port the server listens on. */
		port: number,
	) {
		this.state = state;
		this.gateway = gateway;
		this.port = port;
	}

	/** For `new Client({ rest: { api } })` or DISCORD_API_URL: discord.js appends `/v10`. */
	get apiUrl(): string {
		return `http://${this.state.host}:${this.port}/api`;
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
	/** A channel by name (or id), in any guild; throws when there is none (deleted ones included). */
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
	/** 429s served by the `messageRateLimit` (not those injected by failNext): ~0 for a client that honours the headers. */
	get rateLimitedCount(): number {
		return this.state.rateLimited;
	}
	/** The registered commands: global, and per guild id (after bulk overwrites and creates). */
	get commands(): {
		readonly global: readonly RegisteredCommand[];
		readonly guilds: Readonly<Record<string, readonly RegisteredCommand[]>>;
	} {
		return this.state.commands;
	}
	get identifies(): readonly IdentifyRecord[] {
		return this.state.identifies;
	}
	/**
	 * Request bodies Discord would refuse (its OpenAPI spec, or a limit its documentation states),
	 * answered 400 50035 like Discord; close() throws while any is left.
	 */
	get specViolations(): readonly SpecViolation[] {
		return this.state.specViolations;
	}
	/** Query strings the gateway connections were opened with. */
	get gatewayConnections(): readonly Record<string, string>[] {
		return this.gateway.connections;
	}

	/**
	 * Messages created through POST /channels/{id}/messages in that channel, oldest first, as GET
	 * returns them (no nonce: the request body has it). Kept after deleteChannel, for assertions.
	 */
	channelMessages(channelId: string): readonly FakeMessage[] {
		return this.state.messages.get(channelId) ?? [];
	}
}
