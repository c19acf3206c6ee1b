import { ComponentType, type AutocompleteInteraction, type ChatInputCommandInteraction, type SlashCommandSubcommandBuilder } from 'discord.js';
import { noResults, notice } from '../../src/bot/render/notice.js';
import { PAGE_BUTTON, renderSearchPage } from '../../src/bot/render/search-page.js';
import { fit, LIMITS } from '../../src/bot/render/text.js';
import { replyInTime } from '../../src/bot/reply-in-time.js';
import type { BotContext, ComponentHandler } from '../../src/bot/types.js';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 50;

export function build(subcommand: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder {
	return subcommand
		.setName('search')
		.setDescription('Find papers: words, "exact phrases", -exclusions; typos are forgiven')
		.addStringOption((option) =>
			option.setName('query').setDescription('What to look for, e.g. grokking or "preference optimization" -survey').setRequired(true).setMaxLength(300).setAutocomplete(true),
		)
		.addIntegerOption((option) => option.setName('limit').setDescription(`How many papers to page through (default ${DEFAULT_LIMIT})`).setMinValue(1).setMaxValue(MAX_LIMIT));
}

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	const query = interaction.options.getString('query', true);
	const limit = interaction.options.getInteger('limit') ?? DEFAULT_LIMIT;
	const searched = context.search.search(query, { limit, completeLastWord: false }).then((response) => {
		if (response.results.length === 0) return { message: noResults(query, response.query.notes) };
		const session = context.sessions.create(interaction.user.id, query, response.results);
		return { message: renderSearchPage(session, 0), session };
	});
	await replyInTime(interaction, searched.then(({ message }) => message));
	const { session } = await searched;
	if (session) {
		session.retire = async () => {
			await interaction.editReply(renderSearchPage(session, session.page, { paging: false }));
		};
	}
}

/** Titles matching what the member has typed so far; choosing one searches for that title. */
export async function autocomplete(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
	const papers = await context.search.suggest(interaction.options.getFocused(), 25);
	const plain = (title: string) => fit(title, LIMITS.choiceName, { markdown: false });
	await interaction.respond(papers.map((paper) => ({ name: plain(paper.title), value: plain(paper.title) })));
}

/** Previous/Next: only the member who searched may turn the pages. */
export const pageButton: ComponentHandler = {
	prefix: PAGE_BUTTON,
	async handle(interaction, context, [sessionId = '', page = '0']) {
		const session = context.sessions.get(sessionId);
		if (!session) {
			// The session is gone (expired, or the bot restarted): drop the paging buttons, keep the abstract menu.
			const menus = interaction.message.components.filter((row) => row.type === ComponentType.ActionRow && row.components.some((c) => c.type === ComponentType.StringSelect));
			await interaction.update({ components: menus.map((row) => row.toJSON()) });
			await interaction.followUp(notice('This search has expired. Run /paper search again to page through it.'));
			return;
		}
		if (session.userId !== interaction.user.id) {
			await interaction.reply(notice('Only the member who ran this search can turn its pages. Run /paper search yourself to browse.'));
			return;
		}
		session.page = Number(page);
		await interaction.update(renderSearchPage(session, session.page));
	},
};
