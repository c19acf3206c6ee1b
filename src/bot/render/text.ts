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
const MAYBE_LIST = /^\s*[-+\d]/m;

/**
 * Escapes Markdown so paper text shows as written. Discord drops a backslash before any
 * punctuation, so escaping generously is invisible. (discord.js's escapeMarkdown takes
 * quadratic time on long text, 0.7 s for 10,000 characters, too slow for abstracts.)
 */
export function escape(text: string): string {
	const inline = text.replace(INLINE_MARKUP, '\\$&');
	// Most text has no line opening with a bullet or a number, and then needs only the inline pass.
	if (!MAYBE_LIST.test(inline)) return inline;
	// A backslash before a letter or digit would show, so a numbered list's dot is what gets escaped.
	return inline.replace(BULLET, '$1\\$2').replace(NUMBERED, '$1\\.');
}

/**
 * Fits text into `limit` UTF-16 units as Discord counts them, cutting at a character (never
 * inside one, never inside an escape) and marking the cut with an ellipsis. With `markdown`
 * the text is escaped first.
 */
export function fit(raw: string, limit: number, { markdown = true }: { markdown?: boolean } = {}): string {
	const whole = markdown ? escape(raw) : raw;
	if (whole.length <= limit) return whole;
	// Escaping only ever puts a backslash before a character, so the raw and the escaped text can
	// be walked in step, a code point (and its escape) at a time, until the ellipsis would not fit.
	let rawEnd = 0;
	let shownEnd = 0;
	while (rawEnd < raw.length) {
		const width = raw.codePointAt(rawEnd)! > 0xffff ? 2 : 1;
		const escaped = markdown && whole[shownEnd] === '\\' ? 1 : 0;
		if (shownEnd + escaped + width + ELLIPSIS.length > limit) break;
		rawEnd += width;
		shownEnd += escaped + width;
	}
	// Whitespace is never escaped, so trimming it shortens both texts alike.
	const trimmed = rawEnd - raw.slice(0, rawEnd).trimEnd().length;
	return `${whole.slice(0, shownEnd - trimmed)}${ELLIPSIS}`;
}

/** Text as inline code; a backtick inside would end it early, so it becomes a quote. */
export function inlineCode(text: string): string {
	return `\`${text.replaceAll('`', "'")}\``;
}
