import { SlashCommandSubcommandBuilder } from 'discord.js';
import { replyInTime } from '../../src/bot/reply-in-time.ts';
import { channelName, managedChannel, requireBotCanPost, withChannelOption } from '../../src/bot/target-channel.ts';
import type { Subcommand } from '../../src/bot/types.ts';

export const resume = {
	data: withChannelOption(
		new SlashCommandSubcommandBuilder().setName('resume').setDescription('Start posting again in a channel paused by a permission problem'),
		'The channel or forum to resume (default: this one)',
	).toJSON(),

	async execute(interaction, context) {
		const target = managedChannel(interaction);
		requireBotCanPost(target);
		const resumed = context.feeds.resume(target.place.channelId);
		await replyInTime(
			interaction,
			resumed.then(() => ({ content: `Posting to ${channelName(target)} is on again; anything that was waiting is on its way.` })),
		);
	},
} satisfies Subcommand;
