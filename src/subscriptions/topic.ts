import { parseQuery } from '../search/query.js';
import { UserError } from '../user-error.js';

export const MAX_TOPIC_CHARS = 100;

/**
 * A channel's topic, ready to match papers: every word must appear (in one of its forms),
 * every phrase must appear as written, no excluded word or phrase may appear.
 */
export interface Topic {
	/** As the member typed it, for display. */
	readonly text: string;
	/** Normalized form: two topics with the same key catch the same papers. */
	readonly key: string;
	/** Each required word with the forms that count for it (plural, corrections the index knows). */
	readonly words: readonly (readonly string[])[];
	readonly phrases: readonly (readonly string[])[];
	readonly excludedWords: readonly string[];
	readonly excludedPhrases: readonly (readonly string[])[];
}

/** A word and its singular or plural: a topic "transformer" wants papers on "transformers". */
export function wordForms(word: string): string[] {
	const forms = [word, word.endsWith('s') ? word.slice(0, -1) : `${word}s`];
	return [...new Set(forms.filter((form) => form.length > 0))];
}

function topicKey(words: readonly string[], phrases: readonly (readonly string[])[], excludedWords: readonly string[], excludedPhrases: readonly (readonly string[])[]): string {
	const quoted = (phrase: readonly string[]) => `"${phrase.join(' ')}"`;
	return [
		...[...words].sort(),
		...phrases.map(quoted).sort(),
		...[...excludedWords].sort().map((word) => `-${word}`),
		...excludedPhrases.map(quoted).sort().map((phrase) => `-${phrase}`),
	].join(' ');
}

/**
 * Parses a topic in the search syntax. `corrections` adds, per word, the spellings the search
 * index would take it for ("grokkng" → "grokking"), so topics are as forgiving as search.
 */
export function parseTopic(input: string, corrections: (word: string) => readonly string[] = () => []): Topic {
	const text = input.replace(/\s+/g, ' ').trim();
	if (text.length > MAX_TOPIC_CHARS) throw new UserError(`A topic can be at most ${MAX_TOPIC_CHARS} characters; this one has ${text.length}.`);
	const query = parseQuery(text);
	if (query.words.length === 0) {
		throw new UserError('A topic needs at least one word to look for, such as `continual learning` or `"preference optimization" -survey`.');
	}
	const phraseWords = new Set(query.phrases.flat());
	const words = query.words.map((word) => {
		const forms = new Set(wordForms(word));
		// A quoted word is meant as written; only free words take corrections.
		if (!phraseWords.has(word)) for (const correction of corrections(word)) for (const form of wordForms(correction)) forms.add(form);
		return [...forms];
	});
	return {
		text,
		key: topicKey(query.words, query.phrases, query.excludedWords, query.excludedPhrases),
		words,
		phrases: query.phrases,
		excludedWords: query.excludedWords.flatMap(wordForms),
		excludedPhrases: query.excludedPhrases,
	};
}
