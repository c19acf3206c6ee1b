import {
	ButtonStyle,
	ComponentType,
	type APIActionRowComponent,
	type APIButtonComponent,
	type APIEmbed,
	type APIStringSelectComponent,
	type BaseMessageOptions,
} from 'discord.js';
import type { Snippet } from '../../search/explain.ts';
import type { SearchResult } from '../../search/search-result.ts';
import { saveMenuRow } from './save-menu.ts';
import { NO_MENTIONS, PAPER_COLOR } from './style.ts';
import { describeListings, paperUrl } from './paper-link.ts';
import { similarMenu } from './similar-papers.ts';
import { escape, fit, LIMITS } from './text.ts';

export const PAGE_SIZE = 5;
export const PAGE_BUTTON = 'search';
export const ABSTRACT_MENU = 'abstract';

/** One page of a search as the search thread returns it. */
export interface SearchPage {
	readonly sessionId: string;
	readonly query: string;
	/** Which page this is, from 0. */
	readonly index: number;
	/** How many results the search has in all pages. */
	readonly total: number;
	readonly results: readonly SearchResult[];
}

export function pageCount(total: number): number {
	return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

function renderHighlights(text: string, highlights: Snippet['highlights']): string {
	let rendered = '';
	let at = 0;
	for (const [start, end] of highlights) {
		rendered += `${escape(text.slice(at, start))}**${escape(text.slice(start, end))}**`;
		at = end;
	}
	return rendered + escape(text.slice(at));
}

/**
 * The snippet with its matched words in bold, everything else escaped, within `limit`: a long
 * one is cut between words, keeping the highlights that still fit.
 */
export function highlightedSnippet(snippet: Snippet, limit: number): string {
	const whole = renderHighlights(snippet.text, snippet.highlights);
	if (whole.length <= limit) return whole;
	const cutAt = (length: number) => {
		const space = snippet.text.lastIndexOf(' ', length);
		const end = space > 0 ? space : length;
		return renderHighlights(
			`${snippet.text.slice(0, end)}…`,
			snippet.highlights.filter(([, hitEnd]) => hitEnd <= end),
		);
	};
	let low = 0;
	let high = snippet.text.length;
	while (low < high) {
		const middle = (low + high + 1) >>> 1;
		if (cutAt(middle).length <= limit) low = middle;
		else high = middle - 1;
	}
	return low > 0 ? cutAt(low) : fit(snippet.text, limit);
}

function whyMatched(result: SearchResult): string {
	const parts = new Map<string, string[]>();
	for (const match of result.matches) {
		const label = match.kind === 'exact' ? match.word : `${match.word} → ${match.matched.toLowerCase()}`;
		parts.set(label, [...(parts.get(label) ?? []), match.field]);
	}
	return [...parts].map(([label, fields]) => `${label} (${fields.join(', ')})`).join(' · ');
}

function resultEmbed(result: SearchResult, rank: number): APIEmbed {
	// Five embeds share 6,000 characters: each keeps well inside its fifth.
	const why = fit(`matched ${whyMatched(result)}`, 200);
	return {
		color: PAPER_COLOR,
		title: `${rank}. ${fit(result.paper.title, LIMITS.embedTitle - 6)}`,
		url: paperUrl(result.paper),
		description: `${highlightedSnippet(result.snippet, 600)}\n-# ${why}`,
		footer: { text: fit(`Listed in ${describeListings(result.paper)} · score ${result.score}`, 300, { markdown: false }) },
	};
}

/**
 * One page of a search: a header, an embed per paper, a menu to read abstracts, paging
 * buttons while the session lives, and the Save and Similar menus (the menus need no session and stay).
 */
export function renderSearchPage({ sessionId, query, index, total, results }: SearchPage, { paging = true } = {}) {
	const pages = pageCount(total);
	const first = index * PAGE_SIZE;
	const header = `Results ${first + 1}–${first + results.length} of ${total} for “${fit(query, 300)}”`;
	const menu: APIStringSelectComponent = {
		type: ComponentType.StringSelect,
		custom_id: ABSTRACT_MENU,
		placeholder: 'Read the full abstract of…',
		options: results.map(({ paper }, i) => ({
			label: fit(`${first + i + 1}. ${paper.title}`, LIMITS.selectLabel, { markdown: false }),
			description: fit(describeListings(paper), LIMITS.selectDescription, { markdown: false }),
			value: paper.id,
		})),
	};
	// The last part keeps custom ids unique within the message.
	const button = (label: string, target: number, disabled: boolean, tag = label): APIButtonComponent => ({
		type: ComponentType.Button,
		custom_id: `${PAGE_BUTTON}:${sessionId}:${target}:${tag}`,
		label,
		style: ButtonStyle.Secondary,
		disabled,
	});
	const row = <T extends APIStringSelectComponent | APIButtonComponent>(...components: T[]): APIActionRowComponent<T> => ({
		type: ComponentType.ActionRow,
		components,
	});
	const pager = row(
		button('Previous', index - 1, index === 0),
		button(`${index + 1} / ${pages}`, index, true, 'page'),
		button('Next', index + 1, index >= pages - 1),
	);
	return {
		content: header,
		embeds: results.map((result, i) => resultEmbed(result, first + i + 1)),
		// The menus need no session: an ended session keeps them (see SearchSession.showing).
		components: [
			row(menu),
			...(paging && pages > 1 ? [pager] : []),
			saveMenuRow(
				results.map(({ paper }) => paper),
				first + 1,
			),
			similarMenu(
				results.map(({ paper }) => paper),
				first + 1,
			),
		],
		allowedMentions: NO_MENTIONS,
	} satisfies BaseMessageOptions;
}
