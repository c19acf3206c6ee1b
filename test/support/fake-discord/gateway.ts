import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayOpcodes } from 'discord.js';
import { guildCreatePayload, userPayload } from './payloads.ts';
import { randomHex, shardOf } from './snowflake.ts';
import type { FakeState } from './state.ts';

export const GATEWAY_PATH = '/gateway';

interface Session {
	id: string;
	shard: [number, number];
	seq: number;
	socket: WebSocket | null;
}

interface GatewayPayload {
	op: GatewayOpcodes;
	d?: unknown;
	s?: number | null;
	t?: string | null;
}

/** The JSON gateway: HELLO, IDENTIFY/READY/GUILD_CREATE, heartbeats, RESUME, and dispatches to a shard. */
export class FakeGateway {
	private readonly wss = new WebSocketServer({ noServer: true });
	private readonly sessions: Session[] = [];
	/** Query strings the client connected with (`v`, `encoding`, maybe `compress`). */
	readonly connections: Record<string, string>[] = [];

	private readonly state: FakeState;
	constructor(state: FakeState) {
		this.state = state;
	}

	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		if (url.pathname.replace(/\/$/, '') !== GATEWAY_PATH) return void socket.destroy();
		this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, Object.fromEntries(url.searchParams)));
	}

	private accept(ws: WebSocket, query: Record<string, string>): void {
		this.connections.push(query);
		if (query.v !== '10') return void ws.close(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version.');
		if (query.encoding !== 'json') return void ws.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
		let session: Session | null = null;
		ws.on('message', (raw, isBinary) => {
			let payload: GatewayPayload;
			try {
				payload = JSON.parse(isBinary ? '' : raw.toString()) as GatewayPayload;
			} catch {
				return void ws.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
			}
			if (payload.op === GatewayOpcodes.Heartbeat) return this.send(ws, { op: GatewayOpcodes.HeartbeatAck });
			if (payload.op === GatewayOpcodes.Identify) {
				if (session) return void ws.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
				session = this.identify(ws, payload.d as Record<string, unknown>);
				return;
			}
			if (payload.op === GatewayOpcodes.Resume) {
				session = this.resume(ws, payload.d as Record<string, unknown>);
				return;
			}
			if (!session) return void ws.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
		});
		ws.on('close', () => {
			if (session?.socket === ws) session.socket = null;
		});
		this.send(ws, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.state.heartbeatInterval, _trace: ['fake-discord'] } });
	}

	private identify(ws: WebSocket, d: Record<string, unknown>): Session | null {
		const shard = (Array.isArray(d.shard) ? d.shard : [0, 1]) as [number, number];
		const refusal: [number, string] | null =
			d.token !== this.state.token
				? [GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.']
				: shard[0] >= 0 && shard[0] < shard[1]
					? null
					: [GatewayCloseCodes.InvalidShard, 'Invalid shard.'];
		if (refusal) {
			ws.close(...refusal);
			return null;
		}
		const session: Session = { id: randomHex(), shard, seq: 0, socket: ws };
		this.sessions.push(session);
		const guilds = this.state.guilds.filter((g) => shardOf(g.id, shard[1]) === shard[0]);
		this.dispatchTo(session, GatewayDispatchEvents.Ready, {
			v: 10,
			user: { ...userPayload(this.state.botUser), verified: true, mfa_enabled: false, flags: 0, email: null },
			user_settings: {},
			private_channels: [],
			relationships: [],
			presences: [],
			guild_join_requests: [],
			geo_ordered_rtc_regions: [],
			guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
			session_id: session.id,
			session_type: 'normal',
			resume_gateway_url: this.state.gatewayUrl,
			application: { id: this.state.applicationId, flags: 0 },
			shard,
			_trace: ['fake-discord'],
		});
		for (const guild of guilds) this.dispatchTo(session, GatewayDispatchEvents.GuildCreate, guildCreatePayload(guild, this.state.botUser));
		this.state.identifies.push({
			token: String(d.token),
			intents: Number(d.intents),
			shard,
			properties: d.properties,
			sessionId: session.id,
		});
		this.state.events.emit('change');
		return session;
	}

	private resume(ws: WebSocket, d: Record<string, unknown>): Session | null {
		const session = this.sessions.find((s) => s.id === d.session_id);
		if (!session || d.token !== this.state.token) {
			this.send(ws, { op: GatewayOpcodes.InvalidSession, d: false });
			return null;
		}
		session.socket = ws;
		this.dispatchTo(session, GatewayDispatchEvents.Resumed, { _trace: ['fake-discord'] });
		return session;
	}

	private send(ws: WebSocket, payload: GatewayPayload): void {
		if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(payload));
	}

	private dispatchTo(session: Session, t: string, d: unknown): void {
		session.seq += 1;
		if (session.socket) this.send(session.socket, { op: GatewayOpcodes.Dispatch, t, s: session.seq, d });
	}

	/** Sends a dispatch to the live connection of a shard (by default the shard of `guildId`, else shard 0). */
	dispatch(t: string, d: unknown, guildId?: string | null): void {
		const live = this.sessions.filter((s) => s.socket);
		const session = live.find((s) => s.shard[0] === (guildId ? shardOf(guildId, s.shard[1]) : 0));
		if (!session) throw new Error(`FakeDiscord: no live gateway connection to dispatch ${t} to; did the client log in?`);
		this.dispatchTo(session, t, d);
	}

	/** Sends a guild event to every live connection whose shard holds the guild, as Discord does; none when no client is connected. */
	dispatchToGuild(t: string, d: unknown, guildId: string): number {
		const live = this.sessions.filter((s) => s.socket && s.shard[0] === shardOf(guildId, s.shard[1]));
		for (const session of live) this.dispatchTo(session, t, d);
		return live.length;
	}

	/** Asks every connected shard to reconnect (op 7), as Discord does before maintenance. */
	requestReconnect(): void {
		for (const s of this.sessions) if (s.socket) this.send(s.socket, { op: GatewayOpcodes.Reconnect, d: null });
	}

	close(): Promise<void> {
		for (const client of this.wss.clients) client.terminate();
		return new Promise((resolve) => this.wss.close(() => resolve()));
	}
}
