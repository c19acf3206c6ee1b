import { afterEach, describe, expect, it, vi } from 'vitest';
import { Metrics } from '../../../src/metrics/metrics.ts';
import { PaperLibrary } from '../../../src/papers/library.ts';
import { paperIdFor } from '../../../src/papers/normalize.ts';
import { parseArxivAtom } from '../../../src/sources/http/arxiv.ts';
import { parseHuggingFaceDaily } from '../../../src/sources/http/hugging-face.ts';
import { feedsIn } from '../../../src/sources/feeds.ts';
import { feedSources } from '../../../src/sources/start-sources.ts';
import { parsePrometheus } from '../../support/prometheus-text.ts';
import { ok, startFeedServer, type FeedServer } from './feed-server.ts';
import { fixture } from './fixtures.ts';
import { recordingLogger } from './recording-logger.ts';

const SHARED_TITLE = 'Sparse Mixture Routing for Long-Context Retrieval';
const SHARED_AUTHORS = ['Mara Lindqvist', 'Tomás Okafor', 'Wen-Li Zhou'];

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
	for (const closable of running.splice(0)) await closable.close();
});

describe('papers from Hugging Face and arXiv', () => {
	it('turn on one source per URL given', () => {
		const { logger } = recordingLogger();
		const names = (urls: Parameters<typeof feedsIn>[0]) => feedSources(feedsIn(urls), 1000, logger).map((source) => source.name);
		expect(names({})).toEqual([]);
		expect(names({ ARXIV_FEED_URL: 'https://export.arxiv.org/api/query?search_query=cat:cs.LG' })).toEqual(['arXiv']);
		expect(
			names({ HF_PAPERS_URL: 'https://huggingface.co/api/daily_papers', ARXIV_FEED_URL: 'https://export.arxiv.org/api/query' }),
		).toEqual(['Hugging Face daily papers', 'arXiv']);
	});

	it('merge into one paper per title when both feeds list it, keeping both listings', async () => {
		const server: FeedServer = await startFeedServer((request, response) =>
			request.url === '/hf'
				? ok(fixture('hf-daily-papers.json'))(request, response)
				: ok(fixture('arxiv-query.atom.xml'), 'application/atom+xml')(request, response),
		);
		running.push(server);
		const { logger } = recordingLogger();
		const metrics = new Metrics();
		const sources = feedSources(
			feedsIn({ HF_PAPERS_URL: `${server.url}/hf`, ARXIV_FEED_URL: `${server.url}/arxiv` }),
			60_000,
			logger,
			metrics,
		);
		running.unshift(...sources);
		const library = new PaperLibrary();
		const delivered = new Set<string>();
		for (const source of sources) {
			source.start(async (papers) => {
				for (const paper of papers) library.add(paper);
				delivered.add(source.name);
			});
		}
		await vi.waitFor(() => expect(delivered.size).toBe(2));
		// Each poll is counted under its feed's name.
		const polls = parsePrometheus(await metrics.text()).samples('paperboy_source_polls_total');
		expect(polls.map(({ labels, value }) => [labels.source, labels.outcome, value]).sort()).toEqual([
			['Hugging Face daily papers', 'ok', 1],
			['arXiv', 'ok', 1],
		]);
		// Three papers in each feed, one of them in both.
		expect(library.size).toBe(5);
		const shared = library.get(paperIdFor(SHARED_TITLE));
		expect(shared).toMatchObject({
			title: SHARED_TITLE,
			arxivId: '2411.01234',
			url: 'https://arxiv.org/abs/2411.01234',
			authors: SHARED_AUTHORS,
		});
		expect(shared?.listings).toHaveLength(2);
		expect(shared?.listings).toEqual(
			expect.arrayContaining([
				{ file: 'Hugging Face daily papers', date: '2024-11-04' },
				{ file: 'arXiv', date: '2024-11-02' },
			]),
		);
	});

	it('fill in what a listing file did not know about a paper', () => {
		const library = new PaperLibrary();
		library.add({
			title: 'sparse mixture routing for long-context retrieval.',
			abstract: 'Long-context language models spend most of their compute…',
			listings: [{ file: '014_nov.txt', date: 'Nov 4' }],
		});
		const [fromHuggingFace] = parseHuggingFaceDaily(fixture('hf-daily-papers.json')).papers;
		const [fromArxiv] = parseArxivAtom(fixture('arxiv-query.atom.xml')).papers;
		library.add(fromHuggingFace!);
		const { paper, isNew } = library.add(fromArxiv!);
		expect(isNew).toBe(false);
		expect(library.size).toBe(1);
		expect(paper).toMatchObject({
			arxivId: '2411.01234',
			url: 'https://arxiv.org/abs/2411.01234',
			authors: SHARED_AUTHORS,
			publishedAt: '2024-11-02T17:59:58.000Z',
		});
		expect(paper.abstract).toBe(fromArxiv!.abstract);
		expect(paper.listings.map((listing) => listing.file)).toEqual(['014_nov.txt', 'Hugging Face daily papers', 'arXiv']);
	});
});
