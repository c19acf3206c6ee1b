import { SlashCommandSubcommandBuilder } from 'discord.js';
import { describeDigestMode } from '../../src/bot/render/digest-mode.ts';
import { NO_MENTIONS } from '../../src/bot/render/style.ts';
import { replyInTime } from '../../src/bot/reply-in-time.ts';
import { channelName, managedChannel, withChannelOption } from '../../src/bot/target-channel.ts';
import type { Subcommand } from '../../src/bot/types.ts';
import { UserError } from '../../src/bot/user-error.ts';
import { WEEKDAYS, type DigestMode, type Weekday } from '../../src/subscriptions/subscriptions.ts';

const OPTION = { mode: 'mode', day: 'day', hour: 'hour' } as const;
const MODES = ['instant', 'daily', 'weekly'] as const;
const DEFAULT_HOUR = 8;

/** The mode the options ask for; a day only makes sense for a weekly digest, and a weekly one needs it. */
function chosenMode(mode: string, day: string | null, hour: number): DigestMode {
	const since = new Date().toISOString();
	if (mode === 'weekly') {
		if (!day) throw new UserError('A weekly digest needs a `day`: pick the day of the week it is posted on.');
		return { mode: 'weekly', day: day as Weekday, hour, since };
	}
	if (day) throw new UserError(`\`day\` is for weekly digests; leave it out for ${mode === 'daily' ? 'a daily digest' : 'instant posts'}.`);
	return mode === 'daily' ? { mode: 'daily', hour, since } : { mode: 'instant' };
}

export const digest = {
	data: withChannelOption(
		new SlashCommandSubcommandBuilder()
			.setName('digest')
			.setDescription('Post each paper as it arrives, or one digest a day or a week')
			.addStringOption((option) =>
				option
					.setName(OPTION.mode)
					.setDescription('instant: each paper as it arrives; daily or weekly: one digest message a day or a week')
					.setRequired(true)
					.addChoices(...MODES.map((mode) => ({ name: mode, value: mode }))),
			)
			.addStringOption((option) =>
				option
					.setName(OPTION.day)
					.setDescription('For weekly: the day (UTC) the digest is posted')
					.addChoices(...WEEKDAYS.map((day) => ({ name: day, value: day }))),
			)
			.addIntegerOption((option) =>
				option
					.setName(OPTION.hour)
					.setDescription(`For daily and weekly: the hour (UTC, 0-23) the digest is posted; default ${DEFAULT_HOUR}`)
					.setMinValue(0)
					.setMaxValue(23),
			),
		'The channel or forum to set it for (default: this one)',
	).toJSON(),

	async execute(interaction, context) {
		const target = managedChannel(interaction);
		const hour = interaction.options.getInteger(OPTION.hour) ?? DEFAULT_HOUR;
		const mode = chosenMode(interaction.options.getString(OPTION.mode, true), interaction.options.getString(OPTION.day), hour);
		const saved = context.feeds.setDigest(target.place, mode);
		await replyInTime(
			interaction,
			saved.then(() => ({
				content:
					mode.mode === 'instant'
						? `New papers for ${channelName(target)} will now be posted as they arrive.`
						: `New papers for ${channelName(target)} will now come in ${describeDigestMode(mode)}.`,
				allowedMentions: NO_MENTIONS,
			})),
		);
	},
} satisfies Subcommand;
