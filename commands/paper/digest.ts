import type { ChatInputCommandInteraction, SlashCommandSubcommandBuilder } from 'discord.js';
import { managedChannel } from '../../src/bot/permissions.ts';
import { replyInTime } from '../../src/bot/reply-in-time.ts';
import type { BotContext } from '../../src/bot/types.ts';

export function build(subcommand: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder {
	return subcommand
		.setName('digest')
		.setDescription('Post each paper as it arrives, or one digest a day (needs Manage Channels)')
		.addStringOption((option) =>
			option
				.setName('mode')
				.setDescription('instant: each paper as it arrives; daily: one digest message a day')
				.setRequired(true)
				.addChoices({ name: 'instant', value: 'instant' }, { name: 'daily', value: 'daily' }),
		)
		.addIntegerOption((option) =>
			option
				.setName('hour')
				.setDescription('For daily: the hour (UTC, 0-23) the digest is posted; default 8')
				.setMinValue(0)
				.setMaxValue(23),
		);
}

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	const place = managedChannel(interaction);
	const hour = interaction.options.getInteger('hour') ?? 8;
	const daily = interaction.options.getString('mode', true) === 'daily';
	const saved = context.feeds.setDigest(place, daily ? { mode: 'daily', hour, since: new Date().toISOString() } : { mode: 'instant' });
	await replyInTime(
		interaction,
		saved.then(() => ({
			content: daily
				? `New papers for this channel will now come in one digest a day at ${String(hour).padStart(2, '0')}:00 UTC.`
				: 'New papers for this channel will now be posted as they arrive.',
		})),
	);
}
