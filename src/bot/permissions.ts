import { PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';
import type { Place } from '../subscriptions/subscriptions.ts';
import { UserError } from './user-error.ts';

/** What the bot needs in a channel to post papers there. */
const POSTING = [
	[PermissionFlagsBits.ViewChannel, 'View Channel'],
	[PermissionFlagsBits.SendMessages, 'Send Messages'],
	[PermissionFlagsBits.EmbedLinks, 'Embed Links'],
] as const;

/**
 * The channel a /channel subcommand works on, once the member may manage it. Discord hides
 * /channel from members without Manage Channels (its default_member_permissions), but server
 * admins can give it to anyone under Integrations: this check is the one that counts.
 */
export function managedChannel(interaction: ChatInputCommandInteraction): Place {
	if (!interaction.inGuild())
		throw new UserError('Subscriptions belong to server channels; run this in the channel that should receive papers.');
	if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageChannels)) {
		throw new UserError('Changing what this channel follows needs the Manage Channels permission.');
	}
	return { channelId: interaction.channelId, guildId: interaction.guildId };
}

/** Refuses to subscribe (or resume) a channel the bot could not post in, naming what is missing. */
export function requireBotCanPost(interaction: ChatInputCommandInteraction): void {
	const missing = POSTING.filter(([flag]) => !interaction.appPermissions.has(flag)).map(([, name]) => name);
	if (missing.length > 0) {
		throw new UserError(
			`I cannot post papers in this channel: I am missing ${missing.join(', ')}. Give me ${missing.length > 1 ? 'these permissions' : 'this permission'} here, then try again.`,
		);
	}
}
