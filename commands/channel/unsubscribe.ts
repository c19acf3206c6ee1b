import { SlashCommandSubcommandBuilder } from 'discord.js';
import { managedChannel } from '../../src/bot/permissions.ts';
import { fit, inlineCode, LIMITS } from '../../src/bot/render/text.ts';
import { replyInTime } from '../../src/bot/reply-in-time.ts';
import type { Subcommand } from '../../src/bot/types.ts';
import { MAX_TOPIC_CHARS } from '../../src/subscriptions/topic.ts';

const OPTION = { topic: 'topic' } as const;

export const unsubscribe = {
	data: new SlashCommandSubcommandBuilder()
		.setName('unsubscribe')
		.setDescription('Stop posting a topic to this channel')
		.addStringOption((option) =>
			option
				.setName(OPTION.topic)
				.setDescription('One of the topics this channel follows')
				.setRequired(true)
				.setMaxLength(MAX_TOPIC_CHARS)
				.setAutocomplete(true),
		)
		.toJSON(),

	async execute(interaction, context) {
		const place = managedChannel(interaction);
		const removed = context.feeds.unsubscribe(place, interaction.options.getString(OPTION.topic, true));
		await replyInTime(
			interaction,
			removed.then((topic) => ({ content: `This channel no longer follows ${inlineCode(topic.text)}.` })),
		);
	},

	/** This channel's topics containing what has been typed. */
	async autocomplete(interaction, context) {
		const typed = interaction.options.getFocused().toLowerCase();
		const topics = await context.feeds.topics(interaction.channelId ?? '');
		const plain = (text: string) => fit(text, LIMITS.choiceName, { markdown: false });
		await interaction.respond(
			topics
				.filter((topic) => topic.text.toLowerCase().includes(typed))
				.slice(0, 25)
				.map((topic) => ({ name: plain(topic.text), value: topic.text })),
		);
	},
} satisfies Subcommand;
