import {
	ChannelType,
	PermissionFlagsBits,
	type ChatInputCommandInteraction,
	type PermissionsBitField,
	type SlashCommandSubcommandBuilder,
} from 'discord.js';
import type { Place } from '../subscriptions/subscriptions.ts';
import { UserError } from './user-error.ts';

export const CHANNEL_OPTION = 'channel';
const FOLLOWING_TYPES = [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum] as const;

/** What the bot needs in a channel to post papers there; in a forum, Send Messages is "Create Posts". */
const POSTING = [
	[PermissionFlagsBits.ViewChannel, 'View Channel'],
	[PermissionFlagsBits.SendMessages, 'Send Messages'],
	[PermissionFlagsBits.EmbedLinks, 'Embed Links'],
] as const;

/** The channel a subscription command works on, and how replies name it. */
export interface TargetChannel {
	readonly place: Place;
	/** "This channel", or a channel mention when the member named another one. */
	readonly subject: string;
	/** "here" or "there". */
	readonly where: string;
	/** The member's permissions in it, and the bot's where Discord or the cache tells them. */
	readonly memberPermissions: Readonly<PermissionsBitField>;
	readonly botPermissions: Readonly<PermissionsBitField> | null;
}

/**
 * Adds the optional `channel:` option. A forum channel has no message box to run a command in,
 * so naming the channel is the only way to subscribe one from Discord.
 */
export function withChannelOption(builder: SlashCommandSubcommandBuilder, description: string): SlashCommandSubcommandBuilder {
	return builder.addChannelOption((option) =>
		option
			.setName(CHANNEL_OPTION)
			.setDescription(description)
			.addChannelTypes(...FOLLOWING_TYPES),
	);
}

/** The channel named by `channel:` (or the one the command ran in), with the permissions that apply there. */
export function targetChannel(interaction: ChatInputCommandInteraction): TargetChannel {
	if (!interaction.inGuild())
		throw new UserError(
			'Subscriptions belong to server channels; run this in a server, in or naming the channel that should receive papers.',
		);
	const named = interaction.options.getChannel(CHANNEL_OPTION, false, FOLLOWING_TYPES);
	if (!named || named.id === interaction.channelId) {
		return {
			place: { channelId: interaction.channelId, guildId: interaction.guildId },
			subject: 'This channel',
			where: 'here',
			memberPermissions: interaction.memberPermissions,
			botPermissions: interaction.appPermissions,
		};
	}
	// Discord computes the member's permissions in a resolved channel; the bot's come from the guild cache.
	if (!named.permissions) throw new UserError(`Discord did not tell me your permissions in <#${named.id}>; run this inside that channel.`);
	const me = interaction.guild?.members.me;
	return {
		place: { channelId: named.id, guildId: interaction.guildId },
		subject: `<#${named.id}>`,
		where: 'there',
		memberPermissions: named.permissions,
		botPermissions: me ? named.permissionsFor(me) : null,
	};
}

/** The target as the middle of a sentence names it: "this channel" or its mention. */
export function channelName(target: TargetChannel): string {
	return target.where === 'here' ? 'this channel' : target.subject;
}

/**
 * The target, once the member may manage it. Discord hides /channel from members without Manage
 * Channels (its default_member_permissions), but server admins can give it to anyone under
 * Integrations, and that permission is guild-wide: this per-channel check is the one that counts.
 */
export function managedChannel(interaction: ChatInputCommandInteraction): TargetChannel {
	const target = targetChannel(interaction);
	if (!target.memberPermissions.has(PermissionFlagsBits.ManageChannels)) {
		throw new UserError(`Changing what ${channelName(target)} follows needs the Manage Channels permission there.`);
	}
	return target;
}

/** Refuses to subscribe (or resume) a channel the bot could not post in, naming what is missing. */
export function requireBotCanPost(target: TargetChannel): void {
	// Without the guild in the cache nothing is known; a post that fails later pauses the channel and says why.
	if (!target.botPermissions) return;
	const granted = target.botPermissions;
	const missing = POSTING.filter(([flag]) => !granted.has(flag)).map(([, name]) => name);
	if (missing.length > 0) {
		throw new UserError(
			`I cannot post papers in ${channelName(target)}: I am missing ${missing.join(', ')}. Give me ${missing.length > 1 ? 'these permissions' : 'this permission'} ${target.where}, then try again.`,
		);
	}
}
