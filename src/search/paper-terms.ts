import type { Paper } from '../papers/paper.ts';
import { isStopword, terms } from './tokenize.ts';

/** What the index keeps of a paper's words: each term's count in title and abstract, and the lengths BM25 divides by. */
export interface PaperTerms {
	readonly titleLength: number;
	readonly abstractLength: number;
	/** Term to its counts, packed as `title * TITLE_UNIT + abstract` (no array per term: a build counts millions); stopwords are left out. */
	readonly counts: ReadonlyMap<string, number>;
}

const MAX_LENGTH = 65_535;
/** Abstract counts stay below it (an abstract is at most 20,000 characters, so fewer words). */
export const TITLE_UNIT = 2 ** 16;

/** The one place that decides what of a paper is indexed: the index builder and the live index both call it. */
export function paperTerms(paper: Pick<Paper, 'title' | 'abstract'>): PaperTerms {
	const counts = new Map<string, number>();
	const count = (words: readonly string[], unit: number) => {
		for (const word of words) if (!isStopword(word)) counts.set(word, (counts.get(word) ?? 0) + unit);
		return Math.min(words.length, MAX_LENGTH);
	};
	const titleLength = count(terms(paper.title), TITLE_UNIT);
	const abstractLength = count(terms(paper.abstract), 1);
	return { titleLength, abstractLength, counts };
}

/**
 * Bump whenever what a snapshot holds would change for the same listings: the tokenizer,
 * `paperTerms`, or what the listing parser makes of a file. Older snapshots are then rebuilt.
 */
export const INDEX_VERSION = 2;
