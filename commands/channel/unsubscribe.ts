import { SlashCommandSubcommandBuilder } from 'discord.js';
import { fit, inlineCode, LIMITS } from '../../src/bot/render/text.ts';
import { replyInTime } from '../../src/bot/reply-in-time.ts';
import { CHANNEL_OPTION, managedChannel, withChannelOption } from '../../src/bot/target-channel.ts';
import type { Subcommand } from '../../src/bot/types.ts';
import { MAX_TOPIC_CHARS } from '../../src/subscriptions/topic.ts';

const OPTION = { topic: 'topic' } as const;

export const unsubscribe = {
	data: withChannelOption(
		new SlashCommandSubcommandBuilder()
			.setName('unsubscribe')
			.setDescription('Stop posting a topic to this channel')
			.addStringOption((option) =>
				option
					.setName(OPTION.topic)
					.setDescription('One of the topics this channel follows')
					.setRequired(true)
					.setMaxLength(MAX_TOPIC_CHARS)
					.setAutocomplete(true),
			),
		'The channel or forum to stop it in (default: this one)',
	).toJSON(),

	async execute(interaction, context) {
		const target = managedChannel(interaction);
		const removed = context.feeds.unsubscribe(target.place, interaction.options.getString(OPTION.topic, true));
		await replyInTime(
			interaction,
			removed.then((topic) => ({ content: `${target.subject} no longer follows ${inlineCode(topic.text)}.` })),
		);
	},

	/** The topics of the channel named (or this one) containing what has been typed. */
	async autocomplete(interaction, context) {
		const typed = interaction.options.getFocused().toLowerCase();
		const named = interaction.options.get(CHANNEL_OPTION)?.value;
		const topics = await context.feeds.topics(typeof named === 'string' ? named : (interaction.channelId ?? ''));
		const plain = (text: string) => fit(text, LIMITS.choiceName, { markdown: false });
		await interaction.respond(
			topics
				.filter((topic) => topic.text.toLowerCase().includes(typed))
				.slice(0, 25)
				.map((topic) => ({ name: plain(topic.text), value: topic.text })),
		);
	},
} satisfies Subcommand;
