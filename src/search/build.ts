import type { Paper } from '../papers/paper.js';
import { PaperIndex } from './paper-index.js';
import { SearchEngine } from './search-engine.js';

/** Indexes the papers and returns an engine over them. */
export function buildSearchEngine(papers: Iterable<Paper>): SearchEngine {
	const index = new PaperIndex();
	for (const paper of papers) index.add(paper);
	return new SearchEngine(index);
}
