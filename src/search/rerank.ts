import Fuse from 'fuse.js';
import type { PaperIndex } from './paper-index.ts';

/** Candidates re-ranked by Fuse's title similarity: enough to lift a typo'd title from anywhere near the top. */
export const RERANK_POOL = 20;
/**
 * Fuse's bitap works on 32-character chunks, and every further chunk multiplies its cost;
 * a title's first 32 characters say enough about whether the query is that title.
 */
const TITLE_PATTERN_CHARS = 32;
/** How much a close title match can multiply the score. */
const TITLE_SIMILARITY_WEIGHT = 1;

export interface Candidate {
	readonly item: number;
	readonly score: number;
	/** How the query's words stand in the paper, in order, stopwords included: 2 together as typed, 1 together with the last word only begun, 0 not together. */
	readonly together: number;
}

/** Orders the best candidates by title similarity (Fuse), keeping those with the query's words together first. */
export function rerankByTitle(index: PaperIndex, pool: readonly Candidate[], text: string): { item: number; score: number }[] {
	if (pool.length < 2) return pool.map(({ item, score }) => ({ item, score }));
	const fuse = new Fuse(
		pool.map(({ item }) => index.title(item)),
		{ includeScore: true, ignoreLocation: true, threshold: 0.3, shouldSort: false },
	);
	const cut = text.lastIndexOf(' ', TITLE_PATTERN_CHARS);
	const pattern = text.length <= TITLE_PATTERN_CHARS ? text : text.slice(0, cut > 0 ? cut : TITLE_PATTERN_CHARS);
	const similarity = new Float64Array(pool.length);
	for (const { refIndex, score } of fuse.search(pattern)) similarity[refIndex] = 1 - (score ?? 1);
	return pool
		.map(({ item, score, together }, i) => ({ item, together, score: score * (1 + TITLE_SIMILARITY_WEIGHT * similarity[i]!) }))
		.sort((a, b) => b.together - a.together || b.score - a.score || a.item - b.item)
		.map(({ item, score }) => ({ item, score }));
}
