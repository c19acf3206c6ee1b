import type { APIActionRowComponent, APIStringSelectComponent } from 'discord.js';
import type { Paper } from '../../papers/paper.ts';
import type { SaveOutcome } from '../../reading-lists/reading-lists.ts';
import { COMMAND } from './command-names.ts';
import { paperMenuRow } from './paper-menu.ts';
import { fit, inlineCode } from './text.ts';

export const SAVE_MENU = 'save';

/**
 * The Save control under a page of papers: a menu any member picks papers from to put them on
 * their own reading list. It needs no session, so it works on old messages too.
 */
export function saveMenuRow(
	papers: readonly Pick<Paper, 'id' | 'title'>[],
	firstNumber = 1,
): APIActionRowComponent<APIStringSelectComponent> {
	return paperMenuRow(SAVE_MENU, 'Save to my reading list…', papers, { firstNumber, multiple: true });
}

function titles(papers: readonly { title: string }[]): string {
	const named = papers.slice(0, 3).map((paper) => `“${fit(paper.title, 120)}”`);
	return papers.length > 3 ? `${named.join(', ')} and ${papers.length - 3} more` : named.join(', ');
}

/** What a save did, for the member alone: saved, already there, or refused for want of room. */
export function describeSaveOutcome({ saved, alreadySaved, refused, total }: SaveOutcome, gone: number, limit: number): string {
	const lines: string[] = [];
	if (saved.length > 0) lines.push(`Saved ${titles(saved)} to your reading list.`);
	if (alreadySaved.length > 0) lines.push(`Already on your reading list: ${titles(alreadySaved)}.`);
	if (refused.length > 0)
		lines.push(`Your reading list holds ${limit} papers, the most it can, so ${titles(refused)} did not fit: remove some first.`);
	if (gone > 0) lines.push(`${gone === 1 ? 'One paper is' : `${gone} papers are`} no longer in the library and could not be saved.`);
	lines.push(`It has ${total} ${total === 1 ? 'paper' : 'papers'}; ${inlineCode(COMMAND.saved)} shows it.`);
	return lines.join('\n');
}
