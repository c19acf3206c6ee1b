import {
	ApplicationCommandOptionType,
	ApplicationCommandType,
	ApplicationIntegrationType,
	ChannelType,
	ComponentType,
	InteractionContextType,
	InteractionType,
} from 'discord.js';
import { appPermissionsIn } from './channels.ts';
import { messagePayload } from './messages.ts';
import { MEMBER_PERMISSIONS, channelPayload, memberPayload } from './payloads.ts';
import { randomToken, snowflake } from './snowflake.ts';
import type { FakeState } from './state.ts';
import { waitFor } from './state.ts';
import type { DispatchInteractionOptions, FakeMessage, FakeUser, InteractionCallback, MessageBody, RecordedFile } from './types.ts';

/** A dispatched interaction and what the bot answered to it. */
export class FakeInteraction {
	readonly id = snowflake();
	readonly token = randomToken();
	/** The INTERACTION_CREATE `d` sent through the gateway. */
	readonly payload: Record<string, unknown>;
	readonly channelId: string;
	readonly guildId: string | null;
	/** Accepted callbacks (at most one: later ones are refused with 40060). */
	readonly callbacks: InteractionCallback[] = [];
	/** Bodies of PATCH @original, in order. */
	readonly edits: MessageBody[] = [];
	/** Bodies of follow-up POSTs, in order. */
	readonly followUps: MessageBody[] = [];
	readonly followUpMessages: FakeMessage[] = [];
	/** Every file the bot uploaded with its answers (reply, edits, follow-ups), with its bytes, in order. */
	readonly files: RecordedFile[] = [];
	/** The @original message once a callback made one (reply, defer, component update). */
	original: FakeMessage | null = null;
	originalDeleted = false;
	/** For components: the message the component is on. */
	readonly message: FakeMessage | null;
	private editsTaken = 0;
	private followUpsTaken = 0;

	private readonly state: FakeState;
	readonly type: InteractionType;
	private readonly options: DispatchInteractionOptions;
	constructor(state: FakeState, type: InteractionType, options: DispatchInteractionOptions) {
		this.state = state;
		this.options = options;
		this.type = type;
		const guildId = options.guildId ?? (options.channelId ? state.channels.get(options.channelId)?.guildId : undefined);
		const guild = options.dm ? null : guildId ? (state.guilds.find((g) => g.id === guildId) ?? null) : (state.guilds[0] ?? null);
		if (!options.dm && !guild) throw new Error('FakeDiscord: no guild to dispatch the interaction in');
		const user: FakeUser = {
			...state.defaultUser,
			...(options.user?.id ? { id: options.user.id } : {}),
			...(options.user?.username ? { username: options.user.username } : {}),
			...(options.user?.globalName ? { global_name: options.user.globalName } : {}),
		};
		const channel =
			guild?.channels.find((c) => (options.channelId ? c.id === options.channelId : c.type === ChannelType.GuildText)) ?? null;
		if (guild && !channel) throw new Error(`FakeDiscord: no channel ${options.channelId ?? '(text)'} in guild ${guild.id}`);
		if (channel?.type === ChannelType.GuildForum && type !== InteractionType.MessageComponent)
			throw new Error('FakeDiscord: a forum channel has no message box to run a command in; name it with a channel option instead');
		this.guildId = guild?.id ?? null;
		this.channelId = channel?.id ?? options.channelId ?? snowflake();
		this.message = type === InteractionType.MessageComponent ? this.componentMessage(options.message) : null;
		const data = this.fillData(options.data);
		const where =
			guild && channel
				? {
						guild_id: guild.id,
						guild: { id: guild.id, locale: 'en-US', features: [] },
						guild_locale: 'en-US',
						channel: { ...channelPayload(channel), permissions: options.permissions ?? MEMBER_PERMISSIONS },
						member: memberPayload(user, options.roles ?? [], options.permissions ?? MEMBER_PERMISSIONS),
						authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guild.id },
						context: InteractionContextType.Guild,
					}
				: {
						channel: { id: this.channelId, type: ChannelType.DM, last_message_id: null, flags: 0, recipients: [user] },
						user,
						authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: '0' },
						context: InteractionContextType.BotDM,
					};
		this.payload = {
			id: this.id,
			application_id: state.applicationId,
			type,
			data,
			channel_id: this.channelId,
			token: this.token,
			version: 1,
			app_permissions: options.appPermissions ?? appPermissionsIn(channel),
			locale: options.locale ?? 'en-US',
			entitlements: [],
			attachment_size_limit: 10_485_760,
			...where,
			...(this.message ? { message: this.message } : {}),
		};
	}

	private fillData(data: Record<string, unknown>): Record<string, unknown> {
		if (this.type === InteractionType.MessageComponent) return { component_type: ComponentType.Button, ...data };
		if (this.type !== InteractionType.ApplicationCommand && this.type !== InteractionType.ApplicationCommandAutocomplete)
			return { ...data };
		const name = data.name;
		const type = typeof data.type === 'number' ? (data.type as ApplicationCommandType) : ApplicationCommandType.ChatInput;
		const guildCommands = this.guildId ? (this.state.commands.guilds[this.guildId] ?? []) : [];
		const guildCommand = guildCommands.find((c) => c.name === name && c.type === type);
		const command = guildCommand ?? this.state.commands.global.find((c) => c.name === name && c.type === type);
		const resolved = this.type === InteractionType.ApplicationCommand ? this.resolvedChannels(data.options) : null;
		return { id: command?.id ?? snowflake(), type, ...(guildCommand ? { guild_id: this.guildId } : {}), ...resolved, ...data };
	}

	/**
	 * Like Discord, the channels that channel options name, each with the member's permissions in it
	 * (`channelPermissions`, else `permissions`): a bot checks those, not the ones where the command ran.
	 */
	private resolvedChannels(options: unknown): { resolved: { channels: Record<string, unknown> } } | null {
		const named = channelOptionValues(options);
		if (named.length === 0) return null;
		const channels = named.map((id) => {
			const channel = this.state.channels.get(id);
			if (!channel) throw new Error(`FakeDiscord: a channel option names ${id}, which does not exist`);
			const permissions = this.options.channelPermissions?.[id] ?? this.options.permissions ?? MEMBER_PERMISSIONS;
			return [id, { ...channelPayload(channel), permissions }] as const;
		});
		return { resolved: { channels: Object.fromEntries(channels) } };
	}

	private componentMessage(given: Partial<FakeMessage> | undefined): FakeMessage {
		const base = messagePayload(this.channelId, this.guildId ?? undefined, this.state.botUser, { content: 'A message with components' });
		return { ...base, ...given, channel_id: this.channelId };
	}

	/** Whether a callback was accepted. */
	get acknowledged(): boolean {
		return this.callbacks.length > 0;
	}

	/** Resolves with the first accepted callback body (`{ type, data }`). */
	response(timeoutMs?: number): Promise<InteractionCallback> {
		return waitFor(this.state, `a callback for interaction ${this.id}`, () => this.callbacks[0], timeoutMs);
	}

	/** The n-th call resolves with the n-th PATCH @original body (already received ones included). */
	waitForEdit(timeoutMs?: number): Promise<MessageBody> {
		const index = this.editsTaken++;
		return waitFor(this.state, `edit #${index + 1} of interaction ${this.id}`, () => this.edits[index], timeoutMs);
	}

	/** The n-th call resolves with the n-th follow-up body (already received ones included). */
	waitForFollowUp(timeoutMs?: number): Promise<MessageBody> {
		const index = this.followUpsTaken++;
		return waitFor(this.state, `follow-up #${index + 1} of interaction ${this.id}`, () => this.followUps[index], timeoutMs);
	}
}

/** The values of channel-type options, at any depth (inside subcommands and groups). */
function channelOptionValues(options: unknown): string[] {
	if (!Array.isArray(options)) return [];
	return (options as { type?: number; value?: unknown; options?: unknown }[]).flatMap((option) => [
		...(option.type === ApplicationCommandOptionType.Channel && typeof option.value === 'string' ? [option.value] : []),
		...channelOptionValues(option.options),
	]);
}
