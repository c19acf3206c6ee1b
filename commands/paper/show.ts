import { SlashCommandSubcommandBuilder } from 'discord.js';
import type { Paper } from '../../src/papers/paper.ts';
import { CONTROL_GONE } from '../../src/bot/render/notice.ts';
import { renderPaper } from '../../src/bot/render/paper-detail.ts';
import { ABSTRACT_MENU } from '../../src/bot/render/search-page.ts';
import { fit, LIMITS } from '../../src/bot/render/text.ts';
import { replyInTime } from '../../src/bot/reply-in-time.ts';
import type { BotContext, ComponentHandler, Subcommand } from '../../src/bot/types.ts';
import { UserError } from '../../src/bot/user-error.ts';

/** The `paper:` option of show, similar and cite: a title, suggested as the member types (see `show.autocomplete`). */
export const PAPER_OPTION = 'paper';

export function withPaperOption(builder: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder {
	return builder.addStringOption((option) =>
		option.setName(PAPER_OPTION).setDescription('Start typing its title').setRequired(true).setMaxLength(300).setAutocomplete(true),
	);
}

/**
 * The paper a title option names: a paper id when the member picked a suggestion, or else the
 * best match for whatever they typed.
 */
export async function pickedPaper(value: string, context: BotContext): Promise<Paper> {
	const paper =
		(await context.search.paper(value)) ?? (await context.search.search(value, { limit: 1, completeLastWord: false })).results[0]?.paper;
	if (!paper) throw new UserError(`No paper matches “${fit(value, 200)}”. Pick one of the suggestions as you type.`);
	return paper;
}

export const show = {
	data: withPaperOption(
		new SlashCommandSubcommandBuilder().setName('show').setDescription('Show one paper with its full abstract'),
	).toJSON(),

	async execute(interaction, context) {
		const value = interaction.options.getString(PAPER_OPTION, true);
		await replyInTime(
			interaction,
			pickedPaper(value, context).then((paper) => renderPaper(paper)),
		);
	},

	/** Titles matching what the member has typed so far, each standing for its paper's id. */
	async autocomplete(interaction, context) {
		const papers = await context.search.suggest(interaction.options.getFocused(), 25);
		await interaction.respond(papers.map((paper) => ({ name: fit(paper.title, LIMITS.choiceName, { markdown: false }), value: paper.id })));
	},
} satisfies Subcommand;

/** The menu under search results: anyone may read a listed paper's abstract, privately. */
export const abstractMenu: ComponentHandler = {
	prefix: ABSTRACT_MENU,
	async handle(interaction, context) {
		if (!interaction.isStringSelectMenu()) throw new UserError(CONTROL_GONE);
		const [id = ''] = interaction.values;
		const found = async () => {
			const paper = await context.search.paper(id);
			if (!paper) throw new UserError('That paper is no longer in the library.');
			return renderPaper(paper, { ephemeral: true });
		};
		await replyInTime(interaction, found(), { ephemeral: true });
	},
};
