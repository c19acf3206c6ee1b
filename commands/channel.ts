import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { commandWithSubcommands } from '../src/bot/registry.ts';
import { digest } from './channel/digest.ts';
import { resume } from './channel/resume.ts';
import { subscribe } from './channel/subscribe.ts';
import { unsubscribe } from './channel/unsubscribe.ts';

/**
 * `/channel`: what changes the papers a channel gets; one file per subcommand under channel/.
 * Discord shows it only to members with Manage Channels unless a server's admins say otherwise,
 * so each subcommand checks the permission itself too in the channel it works on (src/bot/target-channel.ts).
 */
export const channelCommand = commandWithSubcommands(
	new SlashCommandBuilder()
		.setName('channel')
		.setDescription('Manage what this channel follows (needs Manage Channels)')
		.setContexts(InteractionContextType.Guild)
		.setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
		.toJSON(),
	[subscribe, unsubscribe, digest, resume],
);
