import { once } from 'node:events';
import { parentPort } from 'node:worker_threads';
import { searchEngineOver } from './build.ts';
import type { SearchReply, SearchRequest, SearchThreadData, SearchThreadReady } from './search-service.ts';

/**
 * The search thread: searches the shared segment, with the papers added since indexed on
 * top, so that CPU-heavy scoring never holds up the bot's gateway heartbeat or other interactions.
 */
const port = parentPort!;
// The first message is what to search: the shared segment and the papers added on top of it.
const [{ segment, pending, listings: knownListings }] = (await once(port, 'message')) as [SearchThreadData];
const engine = searchEngineOver(segment);
const listings = new Set(knownListings);
engine.index.merge(pending);

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
		case 'similar':
			return engine.similar(request.paperId, request.limit);
		case 'papers':
			return request.paperIds.map((id) => engine.paper(id)).filter((paper) => paper !== undefined);
		case 'paperIds':
			return [...engine.index.ids()];
		case 'add': {
			const papers = engine.index.merge(request.drafts);
			for (const paper of papers) for (const ref of paper.listings) listings.add(ref.file);
			return papers;
		}
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
port.postMessage({ ready: true, papers: engine.index.size } satisfies SearchThreadReady);
