import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import type { Paper } from '../src/papers/paper.js';
import type { RankedSearch } from './relevance.js';

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
	return { name: 'MiniSearch', search: (query, limit) => index.search(query).slice(0, limit).map((r) => r.id as string) };
}
