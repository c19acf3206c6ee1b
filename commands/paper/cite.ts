import { SlashCommandSubcommandBuilder } from 'discord.js';
import { renderCitation } from '../../src/bot/render/citation.ts';
import { replyInTime } from '../../src/bot/reply-in-time.ts';
import type { Subcommand } from '../../src/bot/types.ts';
import { pickedPaper, show } from './show.ts';

const OPTION = { paper: 'paper' } as const;

/** `/paper cite`: a paper's BibTeX entry, for the member alone. */
export const cite = {
	data: new SlashCommandSubcommandBuilder()
		.setName('cite')
		.setDescription('A BibTeX entry for one paper, shown only to you')
		.addStringOption((option) =>
			option.setName(OPTION.paper).setDescription('Start typing its title').setRequired(true).setMaxLength(300).setAutocomplete(true),
		)
		.toJSON(),

	async execute(interaction, context) {
		const value = interaction.options.getString(OPTION.paper, true);
		await replyInTime(interaction, pickedPaper(value, context).then(renderCitation), { ephemeral: true });
	},

	/** The same suggestions as /paper show: titles standing for paper ids. */
	autocomplete: (interaction, context) => show.autocomplete(interaction, context),
} satisfies Subcommand;
