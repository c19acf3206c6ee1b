import {
	ComponentType,
	type AutocompleteInteraction,
	type ChatInputCommandInteraction,
	type InteractionUpdateOptions,
	type SlashCommandSubcommandBuilder,
} from 'discord.js';
import { noResults, notice } from '../../src/bot/render/notice.ts';
import { PAGE_BUTTON, PAGE_SIZE, pageCount, renderSearchPage } from '../../src/bot/render/search-page.ts';
import { fit, LIMITS } from '../../src/bot/render/text.ts';
import { replyInTime, updateInTime } from '../../src/bot/reply-in-time.ts';
import type { SearchSession } from '../../src/bot/search-sessions.ts';
import type { BotContext, ComponentHandler } from '../../src/bot/types.ts';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 50;

export function build(subcommand: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder {
	return subcommand
		.setName('search')
		.setDescription('Find papers: words, "exact phrases", -exclusions; typos are forgiven')
		.addStringOption((option) =>
			option
				.setName('query')
				.setDescription('What to look for, e.g. grokking or "preference optimization" -survey')
				.setRequired(true)
				.setMaxLength(300)
				.setAutocomplete(true),
		)
		.addIntegerOption((option) =>
			option
				.setName('limit')
				.setDescription(`How many papers to page through (default ${DEFAULT_LIMIT})`)
				.setMinValue(1)
				.setMaxValue(MAX_LIMIT),
		);
}

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
	[session.menu] = message.components;
	return { message, response };
}

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	const query = interaction.options.getString('query', true);
	const limit = interaction.options.getInteger('limit') ?? DEFAULT_LIMIT;
	const session = context.sessions.create(interaction.user.id, query, limit);
	const searched = searchPage(session, 0, context).then(({ message, response }) => message ?? noResults(query, response.query.notes));
	try {
		await replyInTime(interaction, searched);
	} catch (error) {
		context.sessions.end(session.id);
		throw error;
	}
	session.retire = async () => {
		if (session.menu) await interaction.editReply({ components: [session.menu] });
	};
}

/** A session's page turns run one after another, so the page left on show is the last one asked for. */
function turnPage(session: SearchSession, index: number, context: BotContext): Promise<InteractionUpdateOptions> {
	const turned = session.turning.then(() =>
		searchPage(session, index, context).then(
			({ message }) =>
				message ?? { content: 'None of these papers is in the library any more. Run /paper search again.', embeds: [], components: [] },
		),
	);
	session.turning = turned.catch(() => undefined);
	return turned;
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
			const menus = interaction.message.components.filter(
				(row) => row.type === ComponentType.ActionRow && row.components.some((c) => c.type === ComponentType.StringSelect),
			);
			await interaction.update({ components: menus.map((row) => row.toJSON()) });
			await interaction.followUp(notice('This search has expired. Run /paper search again to page through it.'));
			return;
		}
		if (session.userId !== interaction.user.id) {
			await interaction.reply(notice('Only the member who ran this search can turn its pages. Run /paper search yourself to browse.'));
			return;
		}
		await updateInTime(interaction, turnPage(session, Number(page), context));
	},
};
