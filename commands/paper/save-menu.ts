import { CONTROL_GONE, notice } from '../../src/bot/render/notice.ts';
import { describeSaveOutcome, SAVE_MENU } from '../../src/bot/render/save-menu.ts';
import type { ComponentHandler } from '../../src/bot/types.ts';
import { UserError } from '../../src/bot/user-error.ts';
import type { Paper } from '../../src/papers/paper.ts';
import { MAX_SAVED_PAPERS } from '../../src/reading-lists/reading-lists.ts';

/** The Save menu under search results and new-paper posts: any member saves papers to their own list, and is told privately. */
export const saveMenu: ComponentHandler = {
	prefix: SAVE_MENU,
	async handle(interaction, context) {
		if (!interaction.isStringSelectMenu()) throw new UserError(CONTROL_GONE);
		const found = await Promise.all(interaction.values.map((id) => context.search.paper(id)));
		const papers = found.filter((paper): paper is Paper => paper !== undefined);
		const outcome = await context.readingLists.save(interaction.user.id, papers);
		await interaction.reply(notice(describeSaveOutcome(outcome, found.length - papers.length, MAX_SAVED_PAPERS)));
	},
};
