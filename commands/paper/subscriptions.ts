import type { ChatInputCommandInteraction, SlashCommandSubcommandBuilder } from 'discord.js';
import { renderOverview } from '../../src/bot/render/subscriptions.ts';
import { replyInTime } from '../../src/bot/reply-in-time.ts';
import type { BotContext } from '../../src/bot/types.ts';

export function build(subcommand: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder {
	return subcommand.setName('subscriptions').setDescription('The topics this channel follows and what they have delivered');
}

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	await replyInTime(interaction, context.feeds.overview(interaction.channelId).then(renderOverview));
}
