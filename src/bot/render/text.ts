import { escapeMarkdown } from 'discord.js';

/** Discord's limits for what a message may carry. */
export const LIMITS = {
	content: 2000,
	embedTitle: 256,
	embedDescription: 4096,
	fieldName: 256,
	fieldValue: 1024,
	footer: 2048,
	embedsTotal: 6000,
	embeds: 10,
	choiceName: 100,
	choiceValue: 100,
	selectLabel: 100,
	selectDescription: 100,
	customId: 100,
} as const;

const ELLIPSIS = '…';

/**
 * Escapes Markdown so paper text shows as written. discord.js covers emphasis, code, lists,
 * headings and masked links; block quotes and subtext (`>`, `-#` at a line start) it leaves.
 */
export function escape(text: string): string {
	return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true }).replace(/^(-#|>)/gm, '\\$1');
}

/** The first `count` characters, counted in code points so no surrogate pair is split. */
function prefix(codePoints: readonly string[], count: number): string {
	return codePoints.slice(0, count).join('');
}

/**
 * Fits text into `limit` UTF-16 units as Discord counts them, cutting at a character (never
 * inside one, never inside an escape) and marking the cut with an ellipsis. With `markdown`
 * the text is escaped first, and the cut is searched on the raw text so escapes stay whole.
 */
export function fit(raw: string, limit: number, { markdown = true }: { markdown?: boolean } = {}): string {
	const render = markdown ? escape : (text: string) => text;
	const whole = render(raw);
	if (whole.length <= limit) return whole;
	const codePoints = Array.from(raw);
	let low = 0;
	let high = codePoints.length;
	while (low < high) {
		const middle = (low + high + 1) >>> 1;
		if (render(prefix(codePoints, middle)).length + ELLIPSIS.length <= limit) low = middle;
		else high = middle - 1;
	}
	return `${render(prefix(codePoints, low).trimEnd())}${ELLIPSIS}`;
}
