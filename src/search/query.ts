import { isStopword, terms } from './tokenize.ts';

/**
 * A parsed search query or channel topic: plain words rank papers, `"quoted phrases"`
 * must appear, `-word` and `-"phrase"` exclude.
 */
export interface ParsedQuery {
	/** The words that rank papers (phrase words included), without stopwords unless nothing else is left. */
	readonly words: readonly string[];
	readonly phrases: readonly (readonly string[])[];
	readonly excludedWords: readonly string[];
	readonly excludedPhrases: readonly (readonly string[])[];
	/** The cleaned query text the words came from, for title similarity. */
	readonly text: string;
	/** What was dropped or changed, to tell the user. */
	readonly notes: readonly string[];
}

/** Discord options stop at 6,000 characters; nobody types a query this long on purpose. */
export const MAX_QUERY_CHARS = 512;
/** More words than any title has; past this a query is pasted text, and scoring it all would only cost time. */
export const MAX_QUERY_WORDS = 32;

const CLAUSE = /(-?)"([^"]*)"?|(-?)(\S+)/g;

export function parseQuery(input: string): ParsedQuery {
	const notes: string[] = [];
	let text = input
		.normalize('NFC')
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u001f\u007f]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	if (text.length > MAX_QUERY_CHARS) {
		// Cut between words, so the last word is not a fragment that matches nonsense.
		const cut = text.slice(0, MAX_QUERY_CHARS + 1);
		text = cut.slice(0, Math.max(cut.lastIndexOf(' '), 0) || MAX_QUERY_CHARS);
		notes.push(`the query was cut to its first ${MAX_QUERY_CHARS} characters`);
	}
	const words: string[] = [];
	const phrases: string[][] = [];
	const excludedWords: string[] = [];
	const excludedPhrases: string[][] = [];
	const searchable: string[] = [];
	for (const [, phraseMinus, phrase, wordMinus, word] of text.matchAll(CLAUSE)) {
		const excluded = (phraseMinus ?? wordMinus) === '-';
		const clauseTerms = terms(phrase ?? word ?? '');
		if (clauseTerms.length === 0) continue;
		if (phrase !== undefined) {
			(excluded ? excludedPhrases : phrases).push(clauseTerms);
		} else if (excluded) {
			// "-state-of-the-art" excludes the compound, not each of its words.
			if (clauseTerms.length > 1) excludedPhrases.push(clauseTerms);
			else excludedWords.push(clauseTerms[0]!);
		}
		if (!excluded) {
			for (const term of clauseTerms) words.push(term);
			searchable.push(phrase ?? word ?? '');
		}
	}
	const meaningful = [...new Set(words)].filter((term) => !isStopword(term));
	let ranked = meaningful.length > 0 ? meaningful : [...new Set(words)];
	if (ranked.length === 0) {
		const onlyExclusions = excludedWords.length + excludedPhrases.length > 0;
		notes.push(
			onlyExclusions ? 'a query of only exclusions matches nothing: add a word to look for' : 'the query has no words to search for',
		);
	}
	if (ranked.length > MAX_QUERY_WORDS) {
		ranked = ranked.slice(0, MAX_QUERY_WORDS);
		notes.push(`only the first ${MAX_QUERY_WORDS} words were used`);
	}
	return { words: ranked, phrases, excludedWords, excludedPhrases, text: searchable.join(' '), notes };
}

/**
 * Matches the terms standing together in a text, whatever punctuation separates them
 * ("GRU inspired" finds "GRU-inspired"); with `openEnd` the last term may be the start of a word.
 */
export function phrasePattern(phrase: readonly string[], openEnd = false): RegExp {
	// Terms are letters and digits only. An ASCII phrase gets a plain case-insensitive pattern,
	// several times faster than the Unicode-aware one, which other scripts need.
	if (phrase.every((term) => /^[a-z0-9]+$/.test(term))) return new RegExp(`\\b${phrase.join('[^a-z0-9]+')}${openEnd ? '' : '\\b'}`, 'i');
	return new RegExp(`(?<![\\p{L}\\p{N}])${phrase.join('[^\\p{L}\\p{N}]+')}${openEnd ? '' : '(?![\\p{L}\\p{N}])'}`, 'iu');
}
