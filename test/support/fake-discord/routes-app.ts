import { ApplicationCommandType, ApplicationIntegrationType } from 'discord.js';
import { Errors } from './errors.ts';
import type { Reply } from './errors.ts';
import { userPayload } from './payloads.ts';
import { route } from './router.ts';
import type { Route, RouteContext } from './router.ts';
import { snowflake } from './snowflake.ts';
import type { FakeState } from './state.ts';
import type { RegisteredCommand } from './types.ts';
import { commandLimits } from './validate.ts';

function application(state: FakeState): Record<string, unknown> {
	return {
		id: state.applicationId,
		name: state.botUser.username,
		icon: null,
		description: '',
		summary: '',
		type: null,
		bot: userPayload(state.botUser),
		bot_public: false,
		bot_require_code_grant: false,
		verify_key: '0'.repeat(64),
		flags: 0,
		team: null,
		owner: { id: snowflake(), username: 'owner', discriminator: '0', global_name: null, avatar: null },
		approximate_guild_count: state.guilds.length,
		integration_types_config: { [ApplicationIntegrationType.GuildInstall]: {} },
	};
}

/** Turns a posted command into what Discord stores and returns, keeping the id of a same-named command. */
function register(state: FakeState, raw: Record<string, unknown>, previous: RegisteredCommand[], guildId?: string): RegisteredCommand {
	const type = typeof raw.type === 'number' ? (raw.type as ApplicationCommandType) : ApplicationCommandType.ChatInput;
	const name = String(raw.name);
	const old = previous.find((c) => c.name === name && c.type === type);
	return {
		default_member_permissions: null,
		nsfw: false,
		integration_types: [ApplicationIntegrationType.GuildInstall],
		contexts: null,
		...raw,
		id: old?.id ?? snowflake(),
		application_id: state.applicationId,
		...(guildId ? { guild_id: guildId } : { dm_permission: raw.dm_permission ?? true }),
		version: snowflake(),
		type,
		name,
		description: typeof raw.description === 'string' ? raw.description : '',
	};
}

/** The stored command list a route addresses, or an error reply (wrong application, unknown guild). */
function commandList(ctx: RouteContext): { list: RegisteredCommand[]; guildId?: string; set: (list: RegisteredCommand[]) => void } | Reply {
	const { state, params } = ctx;
	if (params.application_id !== state.applicationId) return Errors.missingAccess();
	const guildId = params.guild_id;
	if (guildId === undefined) return { list: state.commands.global, set: (list) => (state.commands.global = list) };
	if (!state.guilds.some((g) => g.id === guildId)) return Errors.missingAccess();
	return { list: state.commands.guilds[guildId] ?? [], guildId, set: (list) => (state.commands.guilds[guildId] = list) };
}

function commandRoutes(base: string): Route[] {
	return [
		route('GET', base, (ctx) => {
			const found = commandList(ctx);
			return 'status' in found ? found : { status: 200, body: found.list };
		}),
		route(
			'PUT',
			base,
			(ctx) => {
				const found = commandList(ctx);
				if ('status' in found) return found;
				// The spec allows null for an empty list.
				const raws = (ctx.req.body ?? []) as Record<string, unknown>[];
				const list = raws.map((raw) => register(ctx.state, raw, found.list, found.guildId));
				found.set(list);
				return { status: 200, body: list };
			},
			true,
			(ctx) => commandLimits(ctx.req.body, true),
		),
		route(
			'POST',
			base,
			(ctx) => {
				const found = commandList(ctx);
				if ('status' in found) return found;
				const command = register(ctx.state, ctx.body, found.list, found.guildId);
				const existed = found.list.some((c) => c.id === command.id);
				found.set([...found.list.filter((c) => c.id !== command.id), command]);
				return { status: existed ? 200 : 201, body: command };
			},
			true,
			(ctx) => commandLimits(ctx.req.body, false),
		),
		route('DELETE', `${base}/{command_id}`, (ctx) => {
			const found = commandList(ctx);
			if ('status' in found) return found;
			if (!found.list.some((c) => c.id === ctx.params.command_id)) return Errors.unknownCommand();
			found.set(found.list.filter((c) => c.id !== ctx.params.command_id));
			return { status: 204 };
		}),
	];
}

export const appRoutes: Route[] = [
	route('GET', '/gateway', (ctx) => ({ status: 200, body: { url: ctx.state.gatewayUrl } }), false),
	route('GET', '/gateway/bot', (ctx) => ({
		status: 200,
		body: {
			url: ctx.state.gatewayUrl,
			shards: ctx.state.shards,
			session_start_limit: {
				total: 1000,
				remaining: 1000 - ctx.state.identifies.length,
				reset_after: 86_400_000,
				max_concurrency: ctx.state.maxConcurrency,
			},
		},
	})),
	route('GET', '/users/@me', (ctx) => ({
		status: 200,
		body: { ...userPayload(ctx.state.botUser), verified: true, mfa_enabled: false, flags: 0 },
	})),
	route('GET', '/applications/@me', (ctx) => ({ status: 200, body: application(ctx.state) })),
	route('GET', '/oauth2/applications/@me', (ctx) => ({ status: 200, body: application(ctx.state) })),
	...commandRoutes('/applications/{application_id}/commands'),
	...commandRoutes('/applications/{application_id}/guilds/{guild_id}/commands'),
];
