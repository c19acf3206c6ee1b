/** A word of a text: its search term and where it stands in the original string. */
export interface TokenSpan {
	readonly term: string;
	readonly start: number;
	readonly end: number;
}

/**
 * Words that carry no topic. They are not indexed and not scored; quoted phrases still
 * check them in the text itself.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
	('a an and are as at be but by can do does for from has have how in into is it its no not of on or our ' +
		'than that the their them then there these this those to under via was we were what when where which while who why will with without you your').split(' '),
);

const WORD = /[\p{L}\p{N}]+/gu;
// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included
const ASCII = /^[\x00-\x7f]*$/;

/** Search form of a word: lower case, accents folded (NFKD without marks), so "Café" finds "cafe". */
export function normalizeTerm(word: string): string {
	const lower = word.toLowerCase();
	return ASCII.test(lower) ? lower : lower.normalize('NFKD').replace(/\p{M}+/gu, '');
}

/** Every word of `text` with its position; letters and digits make a word, anything else splits. */
export function tokenSpans(text: string): TokenSpan[] {
	const spans: TokenSpan[] = [];
	for (const match of text.matchAll(WORD)) {
		const term = normalizeTerm(match[0]);
		// Folding can leave nothing (a lone combining mark); such a "word" cannot be searched.
		if (term !== '') spans.push({ term, start: match.index, end: match.index + match[0].length });
	}
	return spans;
}

/** The search terms of a text, in order, without positions. */
export function terms(text: string): string[] {
	const found: string[] = [];
	for (const match of text.matchAll(WORD)) {
		const term = normalizeTerm(match[0]);
		if (term !== '') found.push(term);
	}
	return found;
}

export function isStopword(term: string): boolean {
	return STOPWORDS.has(term);
}
