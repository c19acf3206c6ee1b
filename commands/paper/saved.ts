import { MessageFlags, SlashCommandSubcommandBuilder } from 'discord.js';
import { EXPORT_FORMATS, renderExport, type ExportFormat } from '../../src/bot/render/citation.ts';
import { COMMAND } from '../../src/bot/render/command-names.ts';
import { CONTROL_GONE } from '../../src/bot/render/notice.ts';
import { REMOVE_MENU, renderReadingList, SAVED_PAGE_BUTTON, SAVED_PAGE_SIZE } from '../../src/bot/render/reading-list.ts';
import { inlineCode } from '../../src/bot/render/text.ts';
import type { BotContext, ComponentHandler, Subcommand } from '../../src/bot/types.ts';
import { UserError } from '../../src/bot/user-error.ts';

const OPTION = { export: 'export' } as const;

function listPage(context: BotContext, userId: string, index: number) {
	return context.readingLists.page(userId, index, SAVED_PAGE_SIZE).then(renderReadingList);
}

/** `/paper saved`: the member's own reading list, privately, paged; or the whole list as a file. */
export const saved = {
	data: new SlashCommandSubcommandBuilder()
		.setName('saved')
		.setDescription('Your reading list, shown only to you; or export it as a file')
		.addStringOption((option) =>
			option
				.setName(OPTION.export)
				.setDescription('Send the whole list as a file instead')
				.addChoices(...Object.entries(EXPORT_FORMATS).map(([value, { label }]) => ({ name: label, value }))),
		)
		.toJSON(),

	async execute(interaction, context) {
		const format = interaction.options.getString(OPTION.export) as ExportFormat | null;
		if (!format) {
			await interaction.reply({ ...(await listPage(context, interaction.user.id, 0)), flags: MessageFlags.Ephemeral });
			return;
		}
		const papers = await context.readingLists.list(interaction.user.id);
		if (papers.length === 0)
			throw new UserError(
				`Your reading list is empty, so there is nothing to export. ${inlineCode(COMMAND.saved)} says how to save papers.`,
			);
		await interaction.reply(renderExport(format, papers));
	},
} satisfies Subcommand;

/** Previous/Next on a reading list: each member's list is their own, so whoever presses sees theirs. */
export const savedPageButton: ComponentHandler = {
	prefix: SAVED_PAGE_BUTTON,
	async handle(interaction, context, [page = '0']) {
		await interaction.update(await listPage(context, interaction.user.id, Number(page)));
	},
};

/** The menu on a reading list page: the papers picked come off the list, and the page shows what is left. */
export const removeMenu: ComponentHandler = {
	prefix: REMOVE_MENU,
	async handle(interaction, context, [page = '0']) {
		if (!interaction.isStringSelectMenu()) throw new UserError(CONTROL_GONE);
		await context.readingLists.remove(interaction.user.id, interaction.values);
		await interaction.update(await listPage(context, interaction.user.id, Number(page)));
	},
};
