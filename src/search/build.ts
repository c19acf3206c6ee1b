import type { PaperLibrary } from '../papers/library.js';
import { PaperIndex } from './paper-index.js';
import { SearchEngine } from './search-engine.js';

/** Indexes every paper of a library and returns an engine over it. */
export function buildSearchEngine(library: PaperLibrary): SearchEngine {
	const index = new PaperIndex();
	for (const paper of library.all()) index.add(paper);
	return new SearchEngine(index);
}
