import { SlashCommandSubcommandBuilder } from 'discord.js';
import { managedChannel, requireBotCanPost } from '../../src/bot/permissions.ts';
import { replyInTime } from '../../src/bot/reply-in-time.ts';
import type { Subcommand } from '../../src/bot/types.ts';

export const resume = {
	data: new SlashCommandSubcommandBuilder()
		.setName('resume')
		.setDescription('Start posting again in a channel paused by a permission problem')
		.toJSON(),

	async execute(interaction, context) {
		const place = managedChannel(interaction);
		requireBotCanPost(interaction);
		const resumed = context.feeds.resume(place.channelId);
		await replyInTime(
			interaction,
			resumed.then(() => ({ content: 'Posting to this channel is on again; anything that was waiting is on its way.' })),
		);
	},
} satisfies Subcommand;
