import { EventEmitter } from 'node:events';
import { makeChannel } from './channels.ts';
import type { Hold } from './hold.ts';
import type { FakeInteraction } from './interaction.ts';
import { MESSAGE_CREATE } from './rate-limit.ts';
import { snowflake } from './snowflake.ts';
import type {
	FailureRule,
	FakeChannel,
	FakeDiscordOptions,
	FakeGuild,
	FakeMessage,
	FakeUser,
	IdentifyRecord,
	RateLimitOptions,
	RecordedRequest,
	RegisteredCommand,
	RequestMatch,
	SpecViolation,
} from './types.ts';

/** Everything the fake knows; shared by the REST routes, the gateway and the test-facing API. */
export interface FakeState {
	token: string;
	applicationId: string;
	botUser: FakeUser;
	/** Who interactions come from unless `user` is given. */
	defaultUser: FakeUser;
	guilds: FakeGuild[];
	channels: Map<string, FakeChannel>;
	shards: number;
	maxConcurrency: number;
	heartbeatInterval: number;
	/** The address the server listens on. */
	host: string;
	/** Set once the server listens. */
	gatewayUrl: string;
	requests: RecordedRequest[];
	failures: (FailureRule & { left: number })[];
	/** holdNext holds waiting for their request, and those holding one now. */
	holds: Hold[];
	heldNow: Set<Hold>;
	/** Limited routes (`METHOD /pattern`), their windows per `${bucket}:${major parameter}`, and the 429s they served. */
	routeLimits: Map<string, RateLimitOptions>;
	rateWindows: Map<string, { resetAt: number; used: number }>;
	rateLimited: number;
	identifies: IdentifyRecord[];
	commands: { global: RegisteredCommand[]; guilds: Record<string, RegisteredCommand[]> };
	/** Messages created through POST /channels/{id}/messages, oldest first. */
	messages: Map<string, FakeMessage[]>;
	/** enforce_nonce memory: `${channelId}:${nonce}` to the message and when it was made. */
	nonces: Map<string, { message: FakeMessage; at: number }>;
	interactions: Map<string, FakeInteraction>;
	/** Bodies refused with 50035 (spec or documented limits), in arrival order. */
	specViolations: SpecViolation[];
	/** Emits `change` after every request handled and gateway event; waiters re-check then. */
	events: EventEmitter;
}

export function createState(options: FakeDiscordOptions): FakeState {
	const botId = options.botUser?.id ?? snowflake();
	const botUser: FakeUser = {
		id: botId,
		username: options.botUser?.username ?? 'Paperboy',
		discriminator: '0',
		global_name: null,
		avatar: null,
		bot: true,
	};
	const guildOptions = options.guilds ?? [{ name: 'Test Guild' }];
	const channels = new Map<string, FakeChannel>();
	// Default guild ids are a month old and 1 ms apart, so that with several shards they spread over
	// them (one clock reading for all: a millisecond passing between two would put them on one shard).
	const monthAgo = Date.now() - 30 * 86_400_000;
	const guilds = guildOptions.map((g, index): FakeGuild => {
		const id = g.id ?? snowflake(monthAgo + index);
		const guild: FakeGuild = { id, name: g.name, ownerId: g.ownerId ?? snowflake(), channels: [], threads: [] };
		guild.channels = (g.channels ?? [{ name: 'general' }]).map((c, position) => makeChannel(id, c, position, botId));
		for (const channel of guild.channels) channels.set(channel.id, channel);
		return guild;
	});
	const limit = options.messageRateLimit;
	if (limit && !(limit.limit >= 1 && limit.windowMs > 0))
		throw new Error('FakeDiscord: messageRateLimit needs limit >= 1 and windowMs > 0');
	const events = new EventEmitter();
	events.setMaxListeners(0);
	return {
		token: options.token,
		applicationId: options.applicationId ?? botId,
		botUser,
		defaultUser: {
			id: snowflake(Date.now() - 365 * 86_400_000),
			username: 'reader',
			discriminator: '0',
			global_name: 'Reader',
			avatar: null,
		},
		guilds,
		channels,
		shards: options.shards ?? 1,
		maxConcurrency: options.maxConcurrency ?? options.shards ?? 1,
		heartbeatInterval: options.heartbeatInterval ?? 41_250,
		host: options.host ?? '127.0.0.1',
		gatewayUrl: '',
		requests: [],
		failures: [],
		holds: [],
		heldNow: new Set(),
		routeLimits: new Map(limit ? [[MESSAGE_CREATE, limit]] : []),
		rateWindows: new Map(),
		rateLimited: 0,
		identifies: [],
		commands: { global: [], guilds: {} },
		messages: new Map(),
		nonces: new Map(),
		interactions: new Map(),
		specViolations: [],
		events,
	};
}

/** Sends a gateway event to the shard(s) of a guild, from a route (the server hands it to the gateway). */
export function dispatchToGuild(state: FakeState, t: string, d: unknown, guildId: string): void {
	state.events.emit(GUILD_DISPATCH, t, d, guildId);
}
export const GUILD_DISPATCH = 'guild-dispatch';

/** Whether a request is one a failure or hold rule is about. */
export function requestMatches(rule: RequestMatch, req: RecordedRequest): boolean {
	if (rule.method && rule.method.toUpperCase() !== req.method) return false;
	return typeof rule.path === 'string' ? rule.path === req.path : rule.path.test(req.path);
}

/** Resolves with `check()`'s first defined result, re-checking on every state change; rejects after `timeoutMs`. */
export function waitFor<T>(state: FakeState, what: string, check: () => T | undefined, timeoutMs = 5_000): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const now = check();
		if (now !== undefined) return resolve(now);
		const onChange = (): void => {
			const value = check();
			if (value === undefined) return;
			clearTimeout(timer);
			state.events.off('change', onChange);
			resolve(value);
		};
		const timer = setTimeout(() => {
			state.events.off('change', onChange);
			reject(new Error(`FakeDiscord: timed out after ${timeoutMs} ms waiting for ${what}`));
		}, timeoutMs);
		state.events.on('change', onChange);
	});
}
