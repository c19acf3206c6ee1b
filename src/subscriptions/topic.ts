import type { ExpandedWord } from '../search/expand.ts';
import { parseQuery } from '../search/query.ts';
import { TopicRefusedError } from './topic-refusal.ts';

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
	/** Which word the topic is filed under in the matcher: the rarest, when the index says which. */
	readonly anchor?: number;
}

/** What the search index knows of a topic word: its likely corrections and how many papers hold it. */
export interface KnownWord {
	readonly corrections: readonly string[];
	readonly papers: number;
}

/** What the index knows of each word of a search, in the form parseTopic takes. */
export function knownWords(words: readonly ExpandedWord[]): (word: string) => KnownWord | undefined {
	const known = new Map(
		words.map(({ word, expansions }) => {
			const spellings = expansions.filter((expansion) => expansion.kind !== 'prefix');
			const corrections = spellings.filter((expansion) => expansion.kind === 'fuzzy').map((expansion) => expansion.term);
			return [word, { corrections, papers: spellings.reduce((sum, expansion) => sum + expansion.papers, 0) }];
		}),
	);
	return (word) => known.get(word);
}

/** A word and its singular or plural: a topic "transformer" wants papers on "transformers". */
export function wordForms(word: string): string[] {
	const forms = [word, word.endsWith('s') ? word.slice(0, -1) : `${word}s`];
	return [...new Set(forms.filter((form) => form.length > 0))];
}

function topicKey(
	words: readonly string[],
	phrases: readonly (readonly string[])[],
	excludedWords: readonly string[],
	excludedPhrases: readonly (readonly string[])[],
): string {
	const quoted = (phrase: readonly string[]) => `"${phrase.join(' ')}"`;
	return [
		...[...words].sort(),
		...phrases.map(quoted).sort(),
		...[...excludedWords].sort().map((word) => `-${word}`),
		...excludedPhrases
			.map(quoted)
			.sort()
			.map((phrase) => `-${phrase}`),
	].join(' ');
}

/**
 * Parses a topic in the search syntax. `known` tells, per word, the spellings the search index
 * would take it for ("grokkng" → "grokking"), so topics are as forgiving as search, and how
 * common it is, so the topic is filed under its rarest word.
 */
export function parseTopic(input: string, known: (word: string) => KnownWord | undefined = () => undefined): Topic {
	const text = input.replace(/\s+/g, ' ').trim();
	if (text.length > MAX_TOPIC_CHARS) throw new TopicRefusedError({ code: 'topic_too_long', limit: MAX_TOPIC_CHARS, length: text.length });
	const query = parseQuery(text);
	if (query.words.length === 0) throw new TopicRefusedError({ code: 'topic_without_words' });
	const phraseWords = new Set(query.phrases.flat());
	const words = query.words.map((word) => {
		const forms = new Set(wordForms(word));
		// A quoted word is meant as written; only free words take corrections.
		if (!phraseWords.has(word))
			for (const correction of known(word)?.corrections ?? []) for (const form of wordForms(correction)) forms.add(form);
		return [...forms];
	});
	const frequencies = query.words.map((word) => known(word)?.papers);
	const rarest = frequencies.every((papers) => papers !== undefined) ? frequencies.indexOf(Math.min(...frequencies)) : undefined;
	return {
		text,
		key: topicKey(query.words, query.phrases, query.excludedWords, query.excludedPhrases),
		words,
		phrases: query.phrases,
		excludedWords: query.excludedWords.flatMap(wordForms),
		excludedPhrases: query.excludedPhrases,
		...(rarest !== undefined ? { anchor: rarest } : {}),
	};
}
