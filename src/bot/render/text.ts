/** Discord's limits for what a message may carry. */
export const LIMITS = {
	content: 2000,
	embedTitle: 256,
	embedDescription: 4096,
	fieldValue: 1024,
	embedsTotal: 6000,
	choiceName: 100,
	selectLabel: 100,
	selectDescription: 100,
} as const;

const ELLIPSIS = '…';

/** Characters that start or end Markdown anywhere in a line (emphasis, code, spoilers, links, mentions). */
const INLINE_MARKUP = /[\\*_`~|[\]()<>#]/g;
/** Markup that only counts at the start of a line: bulleted lists and subtext, numbered lists. */
const BULLET = /^(\s*)([-+])/gm;
const NUMBERED = /^(\s*\d+)\./gm;

/**
 * Escapes Markdown so paper text shows as written. Discord drops a backslash before any
 * punctuation, so escaping generously is invisible. (discord.js's escapeMarkdown takes
 * quadratic time on long text, 0.7 s for 10,000 characters, too slow for abstracts.)
 */
export function escape(text: string): string {
	// A backslash before a letter or digit would show, so a numbered list's dot is what gets escaped.
	return text.replace(INLINE_MARKUP, '\\$&').replace(BULLET, '$1\\$2').replace(NUMBERED, '$1\\.');
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
	// Rendering never shortens text, so no prefix longer than the limit can fit.
	const codePoints = Array.from(raw.slice(0, limit));
	let low = 0;
	let high = codePoints.length;
	while (low < high) {
		const middle = (low + high + 1) >>> 1;
		if (render(prefix(codePoints, middle)).length + ELLIPSIS.length <= limit) low = middle;
		else high = middle - 1;
	}
	return `${render(prefix(codePoints, low).trimEnd())}${ELLIPSIS}`;
}
