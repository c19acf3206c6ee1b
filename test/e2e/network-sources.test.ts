import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InteractionType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeEmbed } from '../support/fake-discord/index.ts';
import { commandData } from '../support/start-bot.ts';
import { startSubscriptionBot, titles } from './subscription-bot.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/sources/${name}`, import.meta.url), 'utf8');
/** What each feed answers now; both start empty, as before anything is published. */
const feeds = { hf: '[]', arxiv: fixture('arxiv-empty.atom.xml') };
let server: Server;
let setup: Awaited<ReturnType<typeof startSubscriptionBot>>;
let papers: string;

beforeAll(async () => {
	server = createServer((request, response) => {
		const body = request.url?.startsWith('/api/daily_papers') ? feeds.hf : feeds.arxiv;
		response
			.writeHead(200, { 'content-type': request.url?.startsWith('/api/daily_papers') ? 'application/json' : 'application/atom+xml' })
			.end(body);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	setup = await startSubscriptionBot(
		{},
		{ HF_PAPERS_URL: `${base}/api/daily_papers`, ARXIV_FEED_URL: `${base}/api/query?search_query=cat:cs.LG`, SOURCE_POLL_MINUTES: '0.05' },
	);
	papers = setup.papers;
}, 30_000);
afterAll(async () => {
	await setup?.stop();
	await new Promise((resolve) => server?.close(resolve));
});

describe('Hugging Face and arXiv sources', () => {
	it('posts a paper published on both feeds once, with its arXiv link and authors', async () => {
		await setup.answer('/channel subscribe', papers, [{ name: 'topic', value: 'mixture routing' }]);
		feeds.hf = fixture('hf-daily-papers.json');
		feeds.arxiv = fixture('arxiv-query.atom.xml');
		await expect.poll(() => setup.postsIn(papers).length, { timeout: 15_000 }).toBe(1);
		await new Promise((resolve) => setTimeout(resolve, 4_000)); // another poll of each feed
		expect(setup.postsIn(papers).map(titles)).toEqual([['Sparse Mixture Routing for Long-Context Retrieval']]);
		const embed = setup.postsIn(papers)[0]!.embeds[0]!;
		expect(embed.url).toBe('https://arxiv.org/abs/2411.01234');
		expect(embed.description).toMatch(/^\*.+\*\n/);
	}, 30_000);

	it('keeps papers from the feeds across a restart, even once the feeds have moved on', async () => {
		feeds.hf = '[]';
		feeds.arxiv = fixture('arxiv-empty.atom.xml');
		await setup.bot.restart();
		const shown = await setup.bot.discord
			.dispatchInteraction({
				type: InteractionType.ApplicationCommand,
				data: commandData('/paper search', [{ name: 'query', value: 'sparse mixture routing' }]),
			})
			.response();
		expect((shown.data!.embeds as FakeEmbed[])[0]!.title).toBe('1. Sparse Mixture Routing for Long-Context Retrieval');
		expect(setup.postsIn(papers)).toHaveLength(1);
	}, 30_000);
});
