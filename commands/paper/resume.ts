import type { ChatInputCommandInteraction, SlashCommandSubcommandBuilder } from 'discord.js';
import { managedChannel, requireBotCanPost } from '../../src/bot/permissions.ts';
import { replyInTime } from '../../src/bot/reply-in-time.ts';
import type { BotContext } from '../../src/bot/types.ts';

export function build(subcommand: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder {
	return subcommand
		.setName('resume')
		.setDescription('Start posting again in a channel paused by a permission problem (needs Manage Channels)');
}

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	const place = managedChannel(interaction);
	requireBotCanPost(interaction);
	const resumed = context.feeds.resume(place.channelId);
	await replyInTime(
		interaction,
		resumed.then(() => ({ content: 'Posting to this channel is on again; anything that was waiting is on its way.' })),
	);
}
