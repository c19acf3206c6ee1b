import { SlashCommandSubcommandBuilder } from 'discord.js';
import { renderAbout } from '../../src/bot/render/about.ts';
import type { Subcommand } from '../../src/bot/types.ts';

export const about = {
	data: new SlashCommandSubcommandBuilder().setName('about').setDescription('What Paperboy holds and how to use it').toJSON(),
	async execute(interaction, context) {
		const stats = await context.search.stats();
		await interaction.reply(renderAbout({ ...stats, loadedAt: context.startedAt }));
	},
} satisfies Subcommand;
