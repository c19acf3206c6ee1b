import { SlashCommandSubcommandBuilder } from 'discord.js';
import { renderOverview } from '../../src/bot/render/subscriptions.ts';
import { replyInTime } from '../../src/bot/reply-in-time.ts';
import { targetChannel, withChannelOption } from '../../src/bot/target-channel.ts';
import type { Subcommand } from '../../src/bot/types.ts';

/** Anyone may see what a channel follows: it changes nothing (changing it is /channel's). */
export const subscriptions = {
	data: withChannelOption(
		new SlashCommandSubcommandBuilder()
			.setName('subscriptions')
			.setDescription('The topics this channel follows and what they have delivered'),
		'The channel or forum to look at (default: this one)',
	).toJSON(),
	async execute(interaction, context) {
		const target = targetChannel(interaction);
		await replyInTime(
			interaction,
			context.feeds.overview(target.place.channelId).then((overview) => renderOverview(overview, target)),
		);
	},
} satisfies Subcommand;
