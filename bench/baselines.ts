import Fuse from 'fuse.js';
import { Document } from 'flexsearch';
import MiniSearch from 'minisearch';
import type { Paper } from '../src/papers/paper.ts';
import type { RankedSearch } from './relevance.ts';

export interface Baseline {
	readonly name: string;
	readonly search: RankedSearch;
}

/** Fuse.js as one would use it out of the box: title and abstract keys, default options. */
export function plainFuse(papers: readonly Paper[]): Baseline {
	const fuse = new Fuse(papers, { keys: ['title', 'abstract'] });
	return { name: 'plain Fuse', search: (query, limit) => fuse.search(query, { limit }).map((r) => r.item.id) };
}

/** MiniSearch with fuzzy and prefix matching, titles boosted: a strong off-the-shelf engine. */
export function miniSearch(papers: readonly Paper[]): Baseline {
	const index = new MiniSearch<Paper>({ fields: ['title', 'abstract'], searchOptions: { fuzzy: 0.2, prefix: true, boost: { title: 2 } } });
	index.addAll(papers);
	return {
		name: 'MiniSearch',
		search: (query, limit) =>
			index
				.search(query)
				.slice(0, limit)
				.map((r) => r.id as string),
	};
}

type FlexDoc = { id: string; title: string; abstract: string };

/**
 * FlexSearch 0.8 set up for search-as-you-type: a Document index over title and abstract,
 * forward (prefix) tokenizing, its default encoder (case and accents folded) and resolution.
 * It has no edit-distance matching; its phonetic encoders (LatinBalance and up) scored lower on
 * the seeds' names and abstract terms without doing better on typos, so they are not used.
 */
export function flexSearch(papers: readonly Paper[]): Baseline {
	const index = new Document<FlexDoc>({ document: { id: 'id', index: ['title', 'abstract'] }, tokenize: 'forward' });
	for (const { id, title, abstract } of papers) index.add({ id, title, abstract });
	return {
		name: 'FlexSearch',
		search: (query, limit) => {
			// suggest keeps papers that match only some words, as a typo'd word matches nothing;
			// merge lists title hits before abstract-only ones, FlexSearch's own way to weigh fields.
			const hits = index.search(query, { limit, suggest: true, merge: true });
			return hits.slice(0, limit).map((hit) => String(hit.id));
		},
	};
}
