import { ComponentType, SlashCommandSubcommandBuilder, type InteractionUpdateOptions } from 'discord.js';
import { COMMAND } from '../../src/bot/render/command-names.ts';
import { noResults, notice } from '../../src/bot/render/notice.ts';
import { PAGE_BUTTON, PAGE_SIZE, pageCount, renderSearchPage } from '../../src/bot/render/search-page.ts';
import { fit, LIMITS } from '../../src/bot/render/text.ts';
import { replyInTime, updateInTime } from '../../src/bot/reply-in-time.ts';
import type { SearchSession } from '../../src/bot/search-sessions.ts';
import type { BotContext, ComponentHandler, Subcommand } from '../../src/bot/types.ts';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 50;
const OPTION = { query: 'query', limit: 'limit' } as const;

/**
 * Page `index` of the session's search, rendered, its paging buttons only while the session
 * lives; no message (and the session ended) when the search finds nothing.
 */
async function searchPage(session: SearchSession, index: number, context: BotContext) {
	const search = (page: number) =>
		context.search.search(session.query, { limit: session.limit, completeLastWord: false, page: { index: page, size: PAGE_SIZE } });
	let page = index;
	let response = await search(page);
	if (response.total === 0) {
		context.sessions.end(session.id);
		return { response };
	}
	if (response.results.length === 0) {
		// Papers left the library since this page was offered: show the last page there is now.
		page = pageCount(response.total) - 1;
		response = await search(page);
	}
	const live = context.sessions.get(session.id) !== undefined;
	const message = renderSearchPage(
		{ sessionId: session.id, query: session.query, index: page, total: response.total, results: response.results },
		{ paging: live },
	);
	session.showing(message.components.filter((row) => row.components.some((component) => component.type === ComponentType.StringSelect)));
	return { message, response };
}

export const search = {
	data: new SlashCommandSubcommandBuilder()
		.setName('search')
		.setDescription('Find papers: words, "exact phrases", -exclusions; typos are forgiven')
		.addStringOption((option) =>
			option
				.setName(OPTION.query)
				.setDescription('What to look for, e.g. grokking or "preference optimization" -survey')
				.setRequired(true)
				.setMaxLength(300)
				.setAutocomplete(true),
		)
		.addIntegerOption((option) =>
			option
				.setName(OPTION.limit)
				.setDescription(`How many papers to page through (default ${DEFAULT_LIMIT})`)
				.setMinValue(1)
				.setMaxValue(MAX_LIMIT),
		)
		.toJSON(),

	async execute(interaction, context) {
		const query = interaction.options.getString(OPTION.query, true);
		const limit = interaction.options.getInteger(OPTION.limit) ?? DEFAULT_LIMIT;
		const session = context.sessions.create(interaction.user.id, query, limit);
		const searched = searchPage(session, 0, context).then(({ message, response }) => message ?? noResults(query, response.query.notes));
		try {
			await replyInTime(interaction, searched);
		} catch (error) {
			context.sessions.end(session.id);
			throw error;
		}
		session.sentAs((components) => interaction.editReply({ components }));
	},

	/** Titles matching what the member has typed so far; choosing one searches for that title. */
	async autocomplete(interaction, context) {
		const papers = await context.search.suggest(interaction.options.getFocused(), 25);
		const plain = (title: string) => fit(title, LIMITS.choiceName, { markdown: false });
		await interaction.respond(papers.map((paper) => ({ name: plain(paper.title), value: plain(paper.title) })));
	},
} satisfies Subcommand;

function turnPage(session: SearchSession, index: number, context: BotContext): Promise<InteractionUpdateOptions> {
	return session.turnPage(async () => {
		const { message } = await searchPage(session, index, context);
		return (
			message ?? {
				content: `None of these papers is in the library any more. Run ${COMMAND.search} again.`,
				embeds: [],
				components: [],
			}
		);
	});
}

/** Previous/Next: only the member who searched may turn the pages. */
export const pageButton: ComponentHandler = {
	prefix: PAGE_BUTTON,
	async handle(interaction, context, [sessionId = '', page = '0']) {
		const session = context.sessions.get(sessionId);
		if (!session) {
			// The session is gone (expired, or the bot restarted): drop the paging buttons, keep the abstract menu.
			const menus = interaction.message.components.filter(
				(row) => row.type === ComponentType.ActionRow && row.components.some((c) => c.type === ComponentType.StringSelect),
			);
			await interaction.update({ components: menus.map((row) => row.toJSON()) });
			await interaction.followUp(notice(`This search has expired. Run ${COMMAND.search} again to page through it.`));
			return;
		}
		if (session.userId !== interaction.user.id) {
			await interaction.reply(notice(`Only the member who ran this search can turn its pages. Run ${COMMAND.search} yourself to browse.`));
			return;
		}
		await updateInTime(interaction, turnPage(session, Number(page), context));
	},
};
