import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type BaseMessageOptions } from 'discord.js';
import { paperYear } from '../../papers/bibtex.ts';
import type { ReadingListPage, SavedPaper } from '../../reading-lists/reading-lists.ts';
import { COMMAND } from './command-names.ts';
import { paperUrl } from './paper-link.ts';
import { paperMenuRow } from './paper-menu.ts';
import { NO_MENTIONS, PAPER_COLOR } from './style.ts';
import { fit, inlineCode, LIMITS } from './text.ts';

export const SAVED_PAGE_SIZE = 10;
export const SAVED_PAGE_BUTTON = 'saved';
export const REMOVE_MENU = 'unsave';

type ReadingListMessage = BaseMessageOptions & { content: string };

/** Each line's share of the embed: ten lines fit its 4,096 characters. */
const LINE_BUDGET = Math.floor(LIMITS.embedDescription / SAVED_PAGE_SIZE) - 10;

/** A saved paper as one line: its title linked, up to three authors, the year; a link too long to fit is left off. */
function paperLine(paper: SavedPaper, number: number): string {
	const named = paper.authors?.length ? paper.authors.slice(0, 3).join(', ') + (paper.authors.length > 3 ? ' et al.' : '') : '';
	const year = paperYear(paper);
	const details = `${named ? ` — ${fit(named, 100)}` : ''}${year ? ` (${year})` : ''}`;
	const title = fit(paper.title, 150);
	const linked = `${number}. [${title}](${paperUrl(paper)})${details}`;
	return linked.length <= LINE_BUDGET ? linked : `${number}. ${title}${details}`;
}

/**
 * One page of the member's reading list, for them alone: the papers linked, a menu to remove
 * any of them, and Previous/Next. The list is the member's own, so the controls need no session:
 * whoever presses them sees their own list. Sent ephemeral, then updated in place by its controls.
 */
export function renderReadingList({ papers, index, total }: ReadingListPage) {
	if (total === 0)
		return {
			content: `Your reading list is empty. Save papers with the “Save to my reading list…” menu under ${inlineCode(COMMAND.search)} results and new-paper posts.`,
			embeds: [],
			components: [],
			allowedMentions: NO_MENTIONS,
		} satisfies ReadingListMessage;
	const pages = Math.ceil(total / SAVED_PAGE_SIZE);
	const first = index * SAVED_PAGE_SIZE + 1;
	const remove = paperMenuRow(`${REMOVE_MENU}:${index}`, 'Remove from my reading list…', papers, { firstNumber: first, multiple: true });
	const button = (label: string, target: number, disabled: boolean): APIButtonComponent => ({
		type: ComponentType.Button,
		custom_id: `${SAVED_PAGE_BUTTON}:${target}:${label}`,
		label,
		style: ButtonStyle.Secondary,
		disabled,
	});
	const pager: APIActionRowComponent<APIButtonComponent> = {
		type: ComponentType.ActionRow,
		components: [
			button('Previous', index - 1, index === 0),
			button(`${index + 1} / ${pages}`, index, true),
			button('Next', index + 1, index >= pages - 1),
		],
	};
	return {
		content: `Your reading list: ${total} ${total === 1 ? 'paper' : 'papers'}. ${inlineCode(`${COMMAND.saved} export:bibtex`)} or ${inlineCode('export:markdown')} sends it as a file.`,
		embeds: [
			{
				color: PAPER_COLOR,
				title: pages > 1 ? `Saved papers ${first}–${first + papers.length - 1}` : 'Saved papers',
				description: papers.map((paper, i) => paperLine(paper, first + i)).join('\n'),
			},
		],
		components: [remove, ...(pages > 1 ? [pager] : [])],
		allowedMentions: NO_MENTIONS,
	} satisfies ReadingListMessage;
}
