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
			const { query, words, results } = engine.search(request.text, request.options);
			// Explanations are made on the bot's side, only for the results it shows.
			return { query, words, results: results.map(({ paper, score }) => ({ paper, score })) };
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
