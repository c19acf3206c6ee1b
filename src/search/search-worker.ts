import { parentPort, workerData } from 'node:worker_threads';
import { loadLibrary } from '../papers/load-listings.js';
import { buildSearchEngine } from './build.js';
import type { SearchReply, SearchRequest, SearchThreadReady } from './search-service.js';

/**
 * The search thread: loads the papers, builds the index and answers requests, so that
 * CPU-heavy scoring never holds up the bot's gateway heartbeat or other interactions.
 */
const port = parentPort!;
const library = await loadLibrary((workerData as { papersDir: string }).papersDir);
const engine = buildSearchEngine(library.all());
const listings = new Set([...library.all()].flatMap((paper) => paper.listings.map((ref) => ref.file)));

function answer(request: SearchRequest): unknown {
	switch (request.op) {
		case 'search': {
			const { results, ...response } = engine.search(request.text, request.options);
			// Explained here, off the bot's event loop: the bot asks for the page it shows.
			return { ...response, results: results.map(({ paper, score, matches, snippet }) => ({ paper, score, matches, snippet })) };
		}
		case 'suggest':
			return engine.suggest(request.text, request.limit);
		case 'paper':
			return engine.paper(request.paperId);
		case 'papers':
			return request.paperIds.map((id) => engine.paper(id)).filter((paper) => paper !== undefined);
		case 'paperIds':
			return [...library.all()].map((paper) => paper.id);
		case 'add':
			return request.drafts.map((draft) => {
				const { paper } = library.add(draft);
				engine.index.add(paper);
				for (const ref of paper.listings) listings.add(ref.file);
				return paper;
			});
		case 'stats':
			return { papers: engine.index.size, listings: listings.size };
	}
}

port.on('message', (request: SearchRequest) => {
	let reply: SearchReply;
	try {
		reply = { id: request.id, value: answer(request) };
	} catch (error) {
		reply = { id: request.id, error: (error as Error).stack ?? String(error) };
	}
	port.postMessage(reply);
});
port.postMessage({ ready: true, papers: engine.index.size, warnings: library.warnings } satisfies SearchThreadReady);
