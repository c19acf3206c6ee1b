import { SlashCommandSubcommandBuilder } from 'discord.js';
import { renderOverview } from '../../src/bot/render/subscriptions.ts';
import { replyInTime } from '../../src/bot/reply-in-time.ts';
import type { Subcommand } from '../../src/bot/types.ts';

/** Anyone may see what a channel follows: it changes nothing (changing it is /channel's). */
export const subscriptions = {
	data: new SlashCommandSubcommandBuilder()
		.setName('subscriptions')
		.setDescription('The topics this channel follows and what they have delivered')
		.toJSON(),
	async execute(interaction, context) {
		await replyInTime(interaction, context.feeds.overview(interaction.channelId).then(renderOverview));
	},
} satisfies Subcommand;
