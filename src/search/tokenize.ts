/**
 * Words that carry no topic. They are not indexed and not scored; quoted phrases still
 * check them in the text itself.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
	(
		'a an and are as at be but by can do does for from has have how in into is it its no not of on or our ' +
		'than that the their them then there these this those to under via was we were what when where which while who why will with without you your'
	).split(' '),
);

const WORD = /[\p{L}\p{N}]+/gu;
// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included
const ASCII = /^[\x00-\x7f]*$/;

/** Search form of a word: lower case, accents folded (NFKD without marks), so "Café" finds "cafe". */
export function normalizeTerm(word: string): string {
	const lower = word.toLowerCase();
	return ASCII.test(lower) ? lower : lower.normalize('NFKD').replace(/\p{M}+/gu, '');
}

/**
 * Calls `visit` with every word of `text` and where it stands; letters and digits make a word,
 * anything else splits. No array of words is built: explaining results walks whole abstracts.
 */
export function forEachWord(text: string, visit: (term: string, start: number, end: number) => void): void {
	const word = new RegExp(WORD.source, WORD.flags);
	for (let match = word.exec(text); match !== null; match = word.exec(text)) {
		const term = normalizeTerm(match[0]);
		// Folding can leave nothing (a lone combining mark); such a "word" cannot be searched.
		if (term !== '') visit(term, match.index, match.index + match[0].length);
	}
}

const isWordCode = (code: number) => (code >= 97 && code <= 122) || (code >= 48 && code <= 57);

/** A search term found in a text, and where: `start` to `end`, exclusive. */
export interface WordAt {
	readonly term: string;
	readonly start: number;
	readonly end: number;
}

/**
 * Where the given search terms stand in `text` as whole words, in text order: what
 * `forEachWord` would visit, restricted to `wanted`. On ASCII text (most papers) each term is
 * looked for directly, several times faster than walking every word of an abstract.
 */
export function findWords(text: string, wanted: ReadonlySet<string> | ReadonlyMap<string, unknown>): WordAt[] {
	const found: WordAt[] = [];
	if (!ASCII.test(text)) {
		forEachWord(text, (term, start, end) => wanted.has(term) && found.push({ term, start, end }));
		return found;
	}
	// Lower-casing ASCII keeps every offset, and an ASCII text holds only ASCII terms.
	const lower = text.toLowerCase();
	for (const term of wanted.keys()) {
		if (term === '' || !ASCII.test(term)) continue;
		for (let at = lower.indexOf(term); at !== -1; at = lower.indexOf(term, at + 1)) {
			const end = at + term.length;
			if (!isWordCode(lower.charCodeAt(at - 1)) && !isWordCode(lower.charCodeAt(end))) found.push({ term, start: at, end });
		}
	}
	return found.sort((a, b) => a.start - b.start);
}

const isAsciiWordCode = (code: number) => (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);

/** The search terms of a text, in order, without positions. */
export function terms(text: string): string[] {
	const found: string[] = [];
	if (!ASCII.test(text)) {
		forEachWord(text, (term) => found.push(term));
		return found;
	}
	// What forEachWord finds in ASCII text (letters and digits are [A-Za-z0-9] there), a few
	// times faster than the Unicode-aware expression: building an index tokenizes every paper.
	for (let i = 0; i < text.length; i++) {
		if (!isAsciiWordCode(text.charCodeAt(i))) continue;
		const start = i;
		while (i < text.length && isAsciiWordCode(text.charCodeAt(i))) i++;
		found.push(text.slice(start, i).toLowerCase());
	}
	return found;
}

export function isStopword(term: string): boolean {
	return STOPWORDS.has(term);
}
