import type { ChatInputCommandInteraction, SlashCommandSubcommandBuilder } from 'discord.js';
import { renderAbout } from '../../src/bot/render/about.ts';
import type { BotContext } from '../../src/bot/types.ts';

export function build(subcommand: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder {
	return subcommand.setName('about').setDescription('What Paperboy holds and how to use it');
}

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	const stats = await context.search.stats();
	await interaction.reply(renderAbout({ ...stats, loadedAt: context.startedAt }));
}
