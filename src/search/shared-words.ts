import type { PaperText } from './paper-index.ts';
import { forEachWord, terms } from './tokenize.ts';

/**
 * What two papers share, as a reader would say it: the terms that carry most of their cosine
 * (`contribution`: each shared term's part of their dot product),
 * joined into the phrases both papers use ("weight decay", not "weight" and "decay"), each
 * written as the first paper writes it ("LLMs" stays, a capital that only starts a title goes).
 */
export function sharedWords(first: PaperText, second: PaperText, contribution: ReadonlyMap<string, number>, max: number): string[] {
	// Twice as many as shown: phrases fold several terms into one item.
	const top = [...contribution].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, max * 2);
	const chosen = new Set(top.map(([term]) => term));
	const phraseOf = phrasesBoth(first, second, chosen);
	const items: string[] = [];
	for (const [term] of top) {
		const item = phraseOf.get(term);
		if (item && !items.includes(item)) items.push(item);
		if (items.length === max) break;
	}
	return items;
}

const SEPARATOR = /^[ -]$/;

/** Each chosen term's longest run of chosen terms that both texts hold, as the first writes it (a lone term is its own run). */
function phrasesBoth(first: PaperText, second: PaperText, chosen: ReadonlySet<string>): Map<string, string> {
	const pairs = new Set<string>();
	for (const field of [second.title, second.abstract]) {
		const words = terms(field);
		for (let i = 1; i < words.length; i++) pairs.add(`${words[i - 1]} ${words[i]}`);
	}
	const phraseOf = new Map<string, string>();
	const runLengths = new Map<string, number>();
	for (const field of [first.title, first.abstract]) {
		let run: { term: string; start: number; end: number }[] = [];
		const close = () => {
			const phrase = run
				.map(({ start, end }, i) => `${i > 0 ? field.slice(run[i - 1]!.end, start) : ''}${readable(field.slice(start, end))}`)
				.join('');
			for (const { term } of run) {
				if ((runLengths.get(term) ?? 0) >= run.length) continue;
				runLengths.set(term, run.length);
				phraseOf.set(term, phrase);
			}
			run = [];
		};
		forEachWord(field, (term, start, end) => {
			const previous = run.at(-1);
			// A run continues across a space or hyphen only, never across punctuation or a dropped word.
			const adjacent = previous !== undefined && SEPARATOR.test(field.slice(previous.end, start)) && pairs.has(`${previous.term} ${term}`);
			if (!adjacent) close();
			if (chosen.has(term)) run.push({ term, start, end });
			else close();
		});
		close();
	}
	return phraseOf;
}

/** A word as written, unless its only capital is its first letter (a title's or sentence's start). */
function readable(written: string): string {
	return /\p{Lu}/u.test(written.slice(1)) ? written : written.toLowerCase();
}
