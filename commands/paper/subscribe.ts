import { type ChatInputCommandInteraction, type SlashCommandSubcommandBuilder } from 'discord.js';
import { MAX_BACKFILL } from '../../src/delivery/channel-feeds.ts';
import { managedChannel, requireBotCanPost } from '../../src/bot/permissions.ts';
import { renderSubscribed } from '../../src/bot/render/subscriptions.ts';
import type { BotContext } from '../../src/bot/types.ts';
import { MAX_TOPIC_CHARS } from '../../src/subscriptions/topic.ts';

export function build(subcommand: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder {
	return subcommand
		.setName('subscribe')
		.setDescription('Post new papers on a topic to this channel (needs Manage Channels)')
		.addStringOption((option) =>
			option
				.setName('topic')
				.setDescription('Words, "exact phrases", -exclusions, e.g. "preference optimization" -survey')
				.setRequired(true)
				.setMaxLength(MAX_TOPIC_CHARS),
		)
		.addIntegerOption((option) =>
			option
				.setName('backfill')
				.setDescription(`Also post this many of the best current matches now (0-${MAX_BACKFILL})`)
				.setMinValue(0)
				.setMaxValue(MAX_BACKFILL),
		);
}

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	const place = managedChannel(interaction);
	requireBotCanPost(interaction);
	const topic = interaction.options.getString('topic', true);
	const backfill = interaction.options.getInteger('backfill') ?? 0;
	// A search and several writes: deferred, so a slow store never makes the interaction fail.
	await interaction.deferReply();
	const subscribed = await context.feeds.subscribe(place, topic, interaction.user.id, backfill);
	const { flags: _flags, ...reply } = renderSubscribed(subscribed);
	await interaction.editReply(reply);
}
