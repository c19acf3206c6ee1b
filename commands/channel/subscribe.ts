import { SlashCommandSubcommandBuilder } from 'discord.js';
import { renderSubscribed } from '../../src/bot/render/subscriptions.ts';
import { managedChannel, requireBotCanPost, withChannelOption } from '../../src/bot/target-channel.ts';
import type { Subcommand } from '../../src/bot/types.ts';
import { MAX_BACKFILL } from '../../src/delivery/channel-feeds.ts';
import { MAX_TOPIC_CHARS } from '../../src/subscriptions/topic.ts';

const OPTION = { topic: 'topic', backfill: 'backfill' } as const;

export const subscribe = {
	data: withChannelOption(
		new SlashCommandSubcommandBuilder()
			.setName('subscribe')
			.setDescription('Post new papers on a topic to this channel')
			.addStringOption((option) =>
				option
					.setName(OPTION.topic)
					.setDescription('Words, "exact phrases", -exclusions, e.g. "preference optimization" -survey')
					.setRequired(true)
					.setMaxLength(MAX_TOPIC_CHARS),
			)
			.addIntegerOption((option) =>
				option
					.setName(OPTION.backfill)
					.setDescription(`Also post this many of the best current matches now (0-${MAX_BACKFILL})`)
					.setMinValue(0)
					.setMaxValue(MAX_BACKFILL),
			),
		'The channel or forum to post them to (default: this one; forums can only be named here)',
	).toJSON(),

	async execute(interaction, context) {
		const target = managedChannel(interaction);
		requireBotCanPost(target);
		const topic = interaction.options.getString(OPTION.topic, true);
		const backfill = interaction.options.getInteger(OPTION.backfill) ?? 0;
		// A search and several writes: deferred, so a slow store never makes the interaction fail.
		await interaction.deferReply();
		const subscribed = await context.feeds.subscribe(target.place, topic, interaction.user.id, backfill);
		const { flags: _flags, ...reply } = renderSubscribed(subscribed, target);
		await interaction.editReply(reply);
	},
} satisfies Subcommand;
