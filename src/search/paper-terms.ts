import type { Paper } from '../papers/paper.js';
import { isStopword, terms } from './tokenize.js';

/** What the index keeps of a paper's words: each term's count in title and abstract, and the lengths BM25 divides by. */
export interface PaperTerms {
	readonly titleLength: number;
	readonly abstractLength: number;
	/** Term to [title count, abstract count]; stopwords are left out. */
	readonly counts: ReadonlyMap<string, readonly [number, number]>;
}

const MAX_LENGTH = 65_535;

/** The one place that decides what of a paper is indexed: the index builder and the live index both call it. */
export function paperTerms(paper: Pick<Paper, 'title' | 'abstract'>): PaperTerms {
	const counts = new Map<string, [number, number]>();
	const count = (words: readonly string[], field: 0 | 1) => {
		for (const word of words) {
			if (isStopword(word)) continue;
			const entry = counts.get(word) ?? counts.set(word, [0, 0]).get(word)!;
			entry[field]++;
		}
		return Math.min(words.length, MAX_LENGTH);
	};
	const titleLength = count(terms(paper.title), 0);
	const abstractLength = count(terms(paper.abstract), 1);
	return { titleLength, abstractLength, counts };
}

/** Bump whenever `paperTerms` or the tokenizer changes what is indexed: snapshots of an older version are rebuilt. */
export const INDEX_VERSION = 1;
