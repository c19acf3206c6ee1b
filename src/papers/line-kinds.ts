/** What a single line of a listing reads as, judged from its own text only. */

export const MAX_TITLE_CHARS = 400;

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
export const DATE_LINE = new RegExp(
	`^(?:${MONTH}\\s+\\d{1,2}(?:,?\\s+\\d{4})?|\\d{1,2}\\s+${MONTH}(?:\\s+\\d{4})?|\\d{4}-\\d{2}-\\d{2})$`,
	'i',
);

/**
 * Page furniture of paper-listing pages. Matched at the start of a line, because pages
 * copied as text glue them to whatever follows ("SubscribeCURATRON: ...").
 */
const CHROME_PREFIXES: readonly RegExp[] = [
	/^get trending papers in your email inbox[^!\n]{0,40}!/i,
	// Glued chrome is followed by anything but a lower-case letter: "SubscribeCURATRON", never "Subscriber".
	/^[Ss]ubscribe(?!\p{Ll})/u,
	/^Daily Papers(?!\p{Ll})/u,
	/^by\s*AK and the research community\b/i,
	/^new(?=$|[^\p{Ll}\s])/u,
];

/** Whether a listing's last abstract ends as a whole one does: sentence punctuation, or a link. */
export function endsComplete(abstract: string): boolean {
	return /[.!?)\]"'’]$|\/\S*$/u.test(abstract);
}

/** Removes chrome glued to the front of a line; returns what is left. */
export function stripChrome(line: string): string {
	let rest = line;
	for (let changed = true; changed && rest.length > 0;) {
		changed = false;
		for (const prefix of CHROME_PREFIXES) {
			const match = prefix.exec(rest);
			if (match) {
				rest = rest.slice(match[0].length).trimStart();
				changed = true;
			}
		}
	}
	return rest;
}

const firstWord = (text: string) => /^[\p{L}\p{N}]+/u.exec(text)?.[0] ?? '';

/**
 * Whether what `stripChrome` cut off was part of a line's first word after all: a name like
 * "newASTROGAM" reads as glued chrome, but the other line of its entry names it in full.
 */
export function gluedWordIsName(original: string, stripped: string, other: string): boolean {
	const word = firstWord(original);
	const rest = firstWord(stripped);
	if (rest === '' || word.length <= rest.length || !word.endsWith(rest)) return false;
	return new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, 'u').test(other);
}

export function wordCount(text: string): number {
	return text.split(' ').length;
}

export function isTitleLike(text: string): boolean {
	return text.length <= MAX_TITLE_CHARS && wordCount(text) <= 50;
}

/** Prose: several sentences, or one long sentence that ends like one. Titles are neither. */
export function looksLikeAbstract(text: string): boolean {
	const words = wordCount(text);
	if (words < 12) return false;
	const sentenceBreaks = (text.match(/[.!?]["')\]]?\s+["'(]?\p{Lu}/gu) ?? []).length;
	const endsLikeSentence = /[.!?]["')\]]?$/.test(text);
	return sentenceBreaks >= 1 || (endsLikeSentence && words >= 20) || words > 60;
}

function lowerCaseShare(words: readonly string[]): number {
	const lettered = words.filter((word) => /^\p{L}/u.test(word));
	return lettered.filter((word) => /^\p{Ll}/u.test(word)).length / Math.max(1, lettered.length);
}

/**
 * Whether a line too short for prose is still a sentence, as a one-sentence abstract is ("We
 * prove that persuasion is an NP-complete problem."): it ends in a full stop, which ends no
 * title among 129k real ones, and is mostly lower-case words. The caller also asks that the
 * listing alternate around it.
 */
export function readsAsShortSentence(text: string): boolean {
	const words = text.split(' ');
	return words.length >= 5 && /\.["')\]’]?$/u.test(text) && lowerCaseShare(words) >= 0.5;
}

/**
 * Whether a line without a full stop may yet be the one-sentence abstract of `title`: long,
 * longer than the title, worded in lower case. One real title in twenty after another passes
 * this too, so such a reading is never silent.
 */
export function mayBeUnpunctuatedSentence(text: string, title: string): boolean {
	const words = text.split(' ');
	return words.length >= 12 && text.length > title.length && !/[.!?:;]["')\]’]?$/u.test(text) && lowerCaseShare(words) >= 2 / 3;
}
