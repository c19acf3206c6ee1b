import type { Paper } from '../papers/paper.ts';
import type { ExpandedWord, MatchKind } from './expand.ts';
import { findWords } from './tokenize.ts';

export type Field = 'title' | 'abstract';

/** One query word found in a paper: which corpus word it matched, where, and how. */
export interface WordMatch {
	readonly word: string;
	readonly matched: string;
	readonly field: Field;
	readonly kind: MatchKind;
}

/** A short stretch of the abstract around the matched words; highlights are [start, end) offsets into `text`. */
export interface Snippet {
	readonly text: string;
	readonly highlights: readonly (readonly [number, number])[];
}

export interface Explanation {
	readonly matches: readonly WordMatch[];
	readonly snippet: Snippet;
}

export const SNIPPET_CHARS = 240;

interface Hit {
	readonly start: number;
	readonly end: number;
	readonly word: number;
}

type TermLookup = ReadonlyMap<string, { word: number; kind: MatchKind }>;

/** Which query word each corpus term stands for; made once per query, shared by its results. */
const lookups = new WeakMap<readonly ExpandedWord[], TermLookup>();

function lookupFor(words: readonly ExpandedWord[]): TermLookup {
	let lookup = lookups.get(words) as Map<string, { word: number; kind: MatchKind }> | undefined;
	if (!lookup) {
		lookup = new Map();
		for (const [i, word] of words.entries()) {
			for (const { term, kind } of word.expansions) if (!lookup.has(term)) lookup.set(term, { word: i, kind });
		}
		lookups.set(words, lookup);
	}
	return lookup;
}

function findHits(text: string, lookup: TermLookup): { hits: Hit[]; kinds: Map<number, { matched: string; kind: MatchKind }> } {
	const hits: Hit[] = [];
	const kinds = new Map<number, { matched: string; kind: MatchKind }>();
	for (const { term, start, end } of findWords(text, lookup)) {
		const found = lookup.get(term)!;
		hits.push({ start, end, word: found.word });
		if (!kinds.has(found.word)) kinds.set(found.word, { matched: text.slice(start, end), kind: found.kind });
	}
	return { hits, kinds };
}

/** The window of the abstract holding the most distinct matched words, cut at word boundaries. */
function snippetOf(abstract: string, hits: readonly Hit[]): Snippet {
	let bestStart = 0;
	let bestDistinct = 0;
	for (let i = 0; i < hits.length; i++) {
		const windowEnd = hits[i]!.start + SNIPPET_CHARS;
		const distinct = new Set<number>();
		for (let j = i; j < hits.length && hits[j]!.end <= windowEnd; j++) distinct.add(hits[j]!.word);
		if (distinct.size > bestDistinct) {
			bestDistinct = distinct.size;
			bestStart = hits[i]!.start;
		}
	}
	// Open a little before the first match so the reader sees its context, earlier when the abstract
	// ends sooner than the snippet would: a short abstract is shown whole, a late match with all before it that fits.
	let start = Math.max(0, Math.min(bestStart - 40, abstract.length - SNIPPET_CHARS));
	if (start > 0) {
		const space = abstract.indexOf(' ', start - 1);
		start = space === -1 || space >= bestStart ? bestStart : space + 1;
	}
	let end = Math.min(abstract.length, start + SNIPPET_CHARS);
	if (end < abstract.length) {
		const space = abstract.lastIndexOf(' ', end);
		if (space > start) end = space;
	}
	const prefix = start > 0 ? '…' : '';
	const suffix = end < abstract.length ? '…' : '';
	const highlights = hits
		.filter((hit) => hit.start >= start && hit.end <= end)
		.map((hit) => [hit.start - start + prefix.length, hit.end - start + prefix.length] as const);
	return { text: `${prefix}${abstract.slice(start, end).trim()}${suffix}`, highlights };
}

/** Says why a paper matched: each query word's match in title and abstract, and an abstract snippet. */
export function explain(paper: Paper, words: readonly ExpandedWord[]): Explanation {
	const matches: WordMatch[] = [];
	const lookup = lookupFor(words);
	const title = findHits(paper.title, lookup);
	const abstract = findHits(paper.abstract, lookup);
	for (const [field, found] of [
		['title', title],
		['abstract', abstract],
	] as const) {
		for (const [word, { matched, kind }] of [...found.kinds].sort((a, b) => a[0] - b[0])) {
			matches.push({ word: words[word]!.word, matched, field, kind });
		}
	}
	return { matches, snippet: snippetOf(paper.abstract, abstract.hits) };
}
