import { SlashCommandSubcommandBuilder } from 'discord.js';
import { renderCitation } from '../../src/bot/render/citation.ts';
import { replyInTime } from '../../src/bot/reply-in-time.ts';
import type { Subcommand } from '../../src/bot/types.ts';
import { PAPER_OPTION, pickedPaper, show, withPaperOption } from './show.ts';

/** `/paper cite`: a paper's BibTeX entry, for the member alone. */
export const cite = {
	data: withPaperOption(
		new SlashCommandSubcommandBuilder().setName('cite').setDescription('A BibTeX entry for one paper, shown only to you'),
	).toJSON(),

	async execute(interaction, context) {
		const value = interaction.options.getString(PAPER_OPTION, true);
		await replyInTime(interaction, pickedPaper(value, context).then(renderCitation), { ephemeral: true });
	},

	/** The same suggestions as /paper show: titles standing for paper ids. */
	autocomplete: (interaction, context) => show.autocomplete(interaction, context),
} satisfies Subcommand;
