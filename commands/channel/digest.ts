import { SlashCommandSubcommandBuilder } from 'discord.js';
import { managedChannel } from '../../src/bot/permissions.ts';
import { replyInTime } from '../../src/bot/reply-in-time.ts';
import type { Subcommand } from '../../src/bot/types.ts';

const OPTION = { mode: 'mode', hour: 'hour' } as const;
const DEFAULT_HOUR = 8;

export const digest = {
	data: new SlashCommandSubcommandBuilder()
		.setName('digest')
		.setDescription('Post each paper as it arrives, or one digest a day')
		.addStringOption((option) =>
			option
				.setName(OPTION.mode)
				.setDescription('instant: each paper as it arrives; daily: one digest message a day')
				.setRequired(true)
				.addChoices({ name: 'instant', value: 'instant' }, { name: 'daily', value: 'daily' }),
		)
		.addIntegerOption((option) =>
			option
				.setName(OPTION.hour)
				.setDescription(`For daily: the hour (UTC, 0-23) the digest is posted; default ${DEFAULT_HOUR}`)
				.setMinValue(0)
				.setMaxValue(23),
		)
		.toJSON(),

	async execute(interaction, context) {
		const place = managedChannel(interaction);
		const hour = interaction.options.getInteger(OPTION.hour) ?? DEFAULT_HOUR;
		const daily = interaction.options.getString(OPTION.mode, true) === 'daily';
		const saved = context.feeds.setDigest(place, daily ? { mode: 'daily', hour, since: new Date().toISOString() } : { mode: 'instant' });
		await replyInTime(
			interaction,
			saved.then(() => ({
				content: daily
					? `New papers for this channel will now come in one digest a day at ${String(hour).padStart(2, '0')}:00 UTC.`
					: 'New papers for this channel will now be posted as they arrive.',
			})),
		);
	},
} satisfies Subcommand;
