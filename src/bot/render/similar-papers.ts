import {
	ButtonStyle,
	ComponentType,
	MessageFlags,
	type APIActionRowComponent,
	type APIButtonComponent,
	type APIEmbed,
	type APIStringSelectComponent,
	type InteractionReplyOptions,
} from 'discord.js';
import type { Paper } from '../../papers/paper.ts';
import type { SimilarPaper, SimilarResponse } from '../../search/similar.ts';
import { notice } from './notice.ts';
import { paperMenuRow } from './paper-menu.ts';
import { describeListings, paperUrl } from './paper-link.ts';
import { NO_MENTIONS, PAPER_COLOR } from './style.ts';
import { escape, fit, LIMITS } from './text.ts';

/** The prefix of the controls that ask for papers like one: a menu under search results and posts, carrying paper ids. */
export const SIMILAR_CONTROL = 'similar';
const SNIPPET_LENGTH = 400;

function similarEmbed({ paper, score, shared }: SimilarPaper, rank: number): APIEmbed {
	// Five embeds share 6,000 characters: each keeps well inside its fifth.
	const shares = shared.length > 0 ? `\n-# ${fit(`shares: ${shared.join(', ')}`, 200)}` : '';
	return {
		color: PAPER_COLOR,
		title: `${rank}. ${fit(paper.title, LIMITS.embedTitle - 6)}`,
		url: paperUrl(paper),
		description: `${fit(paper.abstract, SNIPPET_LENGTH)}${shares}`,
		footer: { text: fit(`Listed in ${describeListings(paper)} · similarity ${score}`, 300, { markdown: false }) },
	};
}

/** The papers most like one, an embed each saying what it shares with it; private when asked from a control. */
export function renderSimilar({ paper, results }: SimilarResponse, { ephemeral = false } = {}): InteractionReplyOptions {
	const title = escape(fit(paper.title, 300, { markdown: false }));
	if (results.length === 0)
		return notice(`No other paper in the library shares enough words with “${fit(paper.title, 300)}” to count as similar.`);
	return {
		content: `Papers like “${title}”`,
		embeds: results.map((result, i) => similarEmbed(result, i + 1)),
		allowedMentions: NO_MENTIONS,
		...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
	};
}

/** A menu asking for papers like any of `papers` (at most 25), labelled by their titles, numbered from `firstRank` when given. */
export function similarMenu(papers: readonly Paper[], firstRank?: number): APIActionRowComponent<APIStringSelectComponent> {
	return paperMenuRow(SIMILAR_CONTROL, 'Similar to…', papers, firstRank === undefined ? {} : { firstNumber: firstRank });
}

/** Under a post: a Similar button for its one paper, or a menu of its papers. */
export function similarControls(papers: readonly Paper[]): APIActionRowComponent<APIStringSelectComponent | APIButtonComponent> {
	if (papers.length !== 1) return similarMenu(papers);
	const button: APIButtonComponent = {
		type: ComponentType.Button,
		style: ButtonStyle.Secondary,
		label: 'Similar papers',
		custom_id: `${SIMILAR_CONTROL}:${papers[0]!.id}`,
	};
	return { type: ComponentType.ActionRow, components: [button] };
}
