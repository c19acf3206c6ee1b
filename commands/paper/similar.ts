import { SlashCommandSubcommandBuilder } from 'discord.js';
import { CONTROL_GONE } from '../../src/bot/render/notice.ts';
import { renderSimilar, SIMILAR_CONTROL } from '../../src/bot/render/similar-papers.ts';
import { replyInTime } from '../../src/bot/reply-in-time.ts';
import type { BotContext, ComponentHandler, Subcommand } from '../../src/bot/types.ts';
import { UserError } from '../../src/bot/user-error.ts';
import { PAPER_OPTION, pickedPaper, show, withPaperOption } from './show.ts';

const GONE = 'That paper is no longer in the library.';

/** The papers like paper `id`, rendered. */
async function similarTo(id: string, context: BotContext, ephemeral: boolean) {
	const response = await context.search.similar(id);
	if (!response) throw new UserError(GONE);
	return renderSimilar(response, { ephemeral });
}

export const similar = {
	data: withPaperOption(
		new SlashCommandSubcommandBuilder()
			.setName('similar')
			.setDescription('The five papers most like one, each saying what it shares with it'),
	).toJSON(),

	async execute(interaction, context) {
		const value = interaction.options.getString(PAPER_OPTION, true);
		const found = pickedPaper(value, context).then((paper) => similarTo(paper.id, context, false));
		await replyInTime(interaction, found);
	},

	// The same suggestions as /paper show: titles, each standing for its paper's id.
	autocomplete: (interaction, context) => show.autocomplete(interaction, context),
} satisfies Subcommand;

/** "Similar to…" under search results and posts (a menu, or a post's button carrying its paper's id): anyone may ask, privately. */
export const similarControl: ComponentHandler = {
	prefix: SIMILAR_CONTROL,
	async handle(interaction, context, [buttonPaper]) {
		if (!interaction.isStringSelectMenu() && !interaction.isButton()) throw new UserError(CONTROL_GONE);
		const id = interaction.isStringSelectMenu() ? interaction.values[0] : buttonPaper;
		if (id === undefined) throw new UserError(CONTROL_GONE);
		await replyInTime(interaction, similarTo(id, context, true), { ephemeral: true });
	},
};
