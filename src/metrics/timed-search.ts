import type { SearchService } from '../search/search-service.ts';
import type { Metrics, SearchOperation } from './metrics.ts';

/** The search service with the time of each request a member waits for (search, suggest, similar) counted. */
export function timedSearch(service: SearchService, metrics: Pick<Metrics, 'timeSearch'>): SearchService {
	const timed = async <T>(operation: SearchOperation, work: Promise<T>): Promise<T> => {
		const started = performance.now();
		try {
			return await work;
		} finally {
			metrics.timeSearch(operation, (performance.now() - started) / 1000);
		}
	};
	return {
		search: (text, options) => timed('search', service.search(text, options)),
		suggest: (text, limit) => timed('suggest', service.suggest(text, limit)),
		similar: (id, limit) => timed('similar', service.similar(id, limit)),
		paper: (id) => service.paper(id),
		papers: (ids) => service.papers(ids),
		paperIds: () => service.paperIds(),
		add: (drafts) => service.add(drafts),
		stats: () => service.stats(),
		close: () => service.close(),
	};
}
