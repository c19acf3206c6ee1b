import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PaperDraft } from '../../../src/papers/paper.ts';
import { HttpPaperSource, type HttpPaperSourceOptions } from '../../../src/sources/http/http-source.ts';
import { parseHuggingFaceDaily } from '../../../src/sources/http/hugging-face.ts';
import { hang, ok, startFeedServer, status, type Answer, type FeedServer } from './feed-server.ts';
import { fixture } from './fixtures.ts';
import { recordingLogger } from './recording-logger.ts';

const run = promisify(execFile);
const DAILY = fixture('hf-daily-papers.json');
const DAILY_TITLES = [
	'Sparse Mixture Routing for Long-Context Retrieval',
	'Self-Correcting Diffusion Policies for Robot Manipulation',
	'Scaling Laws for Tokenizer Vocabulary Size',
];
const NAME = 'Hugging Face daily papers';
const FEED_FAILED = 'source_failed';

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
	// Sources first: a server waits for the connections a source still holds.
	for (const closable of running.splice(0)) await closable.close();
});

async function serve(fallback: Answer = ok(DAILY), ...queue: Answer[]): Promise<FeedServer> {
	const server = await startFeedServer(fallback);
	server.queue.push(...queue);
	running.push(server);
	return server;
}

function pollerOf(server: FeedServer, options: Partial<HttpPaperSourceOptions> = {}) {
	const log = recordingLogger();
	const source = new HttpPaperSource({
		name: NAME,
		url: server.url,
		parse: parseHuggingFaceDaily,
		intervalMs: 50,
		timeoutMs: 2000,
		logger: log.logger,
		...options,
	});
	running.unshift(source);
	const batches: PaperDraft[][] = [];
	const collect = async (papers: PaperDraft[]) => void batches.push(papers);
	return { source, batches, collect, ...log };
}

describe('HttpPaperSource', () => {
	it('offers the papers of the feed at once and again every interval, asking as Paperboy', async () => {
		const server = await serve();
		const { source, batches, collect, warnings } = pollerOf(server);
		source.start(collect);
		await vi.waitFor(() => expect(batches.length).toBeGreaterThanOrEqual(3));
		expect(batches[0]!.map((paper) => paper.title)).toEqual(DAILY_TITLES);
		expect(server.seen[0]!.userAgent).toBe('Paperboy (self-hosted Discord bot)');
		for (const gap of server.gaps()) expect(gap).toBeGreaterThanOrEqual(40);
		expect(warnings('source_items_skipped')[0]).toMatchObject({ source: NAME, skipped: 1, examples: ['item 3: 2411.03456: no summary'] });
	});

	it('backs off twice as long after each failure of any kind, and polls at the interval once the feed answers', async () => {
		const garbage = ok(
			`<html><head><title>Bad gateway</title></head><body>${'x'.repeat(300)} SECRET-BODY-MARKER</body></html>`,
			'text/html',
		);
		const server = await serve(ok(DAILY), status(500), garbage, status(502));
		const polls: string[] = [];
		const { source, batches, collect, lines, warnings } = pollerOf(server, { onPoll: (outcome) => polls.push(outcome) });
		source.start(collect);
		await vi.waitFor(() => expect(server.seen.length).toBeGreaterThanOrEqual(5), { timeout: 5000 });
		const [afterFirst, afterSecond, afterThird, afterRecovery] = server.gaps() as [number, number, number, number];
		expect(afterFirst).toBeGreaterThanOrEqual(90);
		expect(afterSecond).toBeGreaterThanOrEqual(180);
		expect(afterThird).toBeGreaterThanOrEqual(360);
		expect(afterRecovery).toBeLessThan(afterThird);
		expect(warnings(FEED_FAILED)).toEqual([
			expect.objectContaining({ source: NAME, status: 500, attempt: 1, retryInMs: 100, error: 'HTTP 500' }),
			expect.objectContaining({
				source: NAME,
				attempt: 2,
				retryInMs: 200,
				error: expect.stringMatching(/^Hugging Face daily papers: the answer is not JSON/),
			}),
			expect.objectContaining({ source: NAME, status: 502, attempt: 3, retryInMs: 400 }),
		]);
		expect(lines.find((line) => line.event === 'source_recovered')).toMatchObject({ failures: 3 });
		await vi.waitFor(() => expect(polls.length).toBeGreaterThanOrEqual(5));
		expect(polls.slice(0, 5)).toEqual(['failed', 'failed', 'failed', 'ok', 'ok']);
		expect(JSON.stringify(lines)).not.toContain('SECRET-BODY-MARKER');
		expect(batches[0]!.map((paper) => paper.title)).toEqual(DAILY_TITLES);
	});

	it('waits as long as a 429 Retry-After asks, longer than its own backoff', async () => {
		const server = await serve(ok(DAILY), status(429, { 'retry-after': '1' }));
		const { source, batches, collect, warnings } = pollerOf(server, { intervalMs: 20 });
		source.start(collect);
		await vi.waitFor(() => expect(batches.length).toBeGreaterThanOrEqual(1), { timeout: 3000 });
		expect(server.gaps()[0]).toBeGreaterThanOrEqual(950);
		expect(warnings(FEED_FAILED)).toEqual([expect.objectContaining({ status: 429, attempt: 1, retryInMs: 1000 })]);
	});

	it('gives up on an answer slower than the timeout or larger than the limit', async () => {
		const tooLong = ok('x'.repeat(10_000), 'text/plain');
		const streamedTooLong: Answer = (_request, response) => {
			response.writeHead(200, { 'content-type': 'text/plain' });
			for (let i = 0; i < 10; i++) response.write('y'.repeat(1000));
			response.end();
		};
		const server = await serve(ok(DAILY), hang, tooLong, streamedTooLong);
		const { source, batches, collect, warnings } = pollerOf(server, { intervalMs: 20, timeoutMs: 200, maxBodyBytes: 5000 });
		source.start(collect);
		await vi.waitFor(() => expect(batches.length).toBeGreaterThanOrEqual(1), { timeout: 3000 });
		expect(warnings(FEED_FAILED).map((line) => line.error)).toEqual([
			'no complete answer within 200 ms',
			'the answer is larger than the 5000-byte limit',
			'the answer is larger than the 5000-byte limit',
		]);
		await vi.waitFor(() => expect(server.seen[0]!.abandoned).toBe(true));
	});

	it('offers papers that onPapers did not take again, even while the feed is failing', async () => {
		const server = await serve(ok(DAILY), ok(DAILY), status(500));
		const { source, warnings } = pollerOf(server);
		const calls: { titles: string[]; requests: number }[] = [];
		let refusals = 2;
		source.start((papers) => {
			calls.push({ titles: papers.map((paper) => paper.title), requests: server.seen.length });
			if (refusals-- === 2) return Promise.reject(new Error('database is locked'));
			if (refusals === 0) throw new Error('thrown, not rejected');
			return Promise.resolve();
		});
		await vi.waitFor(() => expect(calls.length).toBeGreaterThanOrEqual(4));
		expect(calls.slice(0, 3)).toEqual([
			{ titles: DAILY_TITLES, requests: 1 },
			{ titles: DAILY_TITLES, requests: 2 },
			{ titles: DAILY_TITLES, requests: 3 },
		]);
		expect(warnings('source_papers_not_taken').map((line) => line.error)).toEqual(['database is locked', 'thrown, not rejected']);
	});

	it('logs a refused connection, with its reason, and keeps trying', async () => {
		const server = await serve();
		const { url } = server;
		await server.close();
		const { source, collect, warnings } = pollerOf(server, { url, intervalMs: 10 });
		source.start(collect);
		await vi.waitFor(() => expect(warnings(FEED_FAILED).length).toBeGreaterThanOrEqual(2));
		expect(warnings(FEED_FAILED)[0]).toMatchObject({ attempt: 1, error: 'fetch failed: ECONNREFUSED' });
	});

	it('close() abandons a request under way and stops polling, at once', async () => {
		const server = await serve(hang);
		const { source, batches, collect, lines } = pollerOf(server, { intervalMs: 10, timeoutMs: 10_000 });
		source.start(collect);
		await vi.waitFor(() => expect(server.seen.length).toBe(1));
		const started = performance.now();
		await source.close();
		expect(performance.now() - started).toBeLessThan(1000);
		await vi.waitFor(() => expect(server.seen[0]!.abandoned).toBe(true));
		await sleep(100);
		expect(server.seen).toHaveLength(1);
		expect(batches).toEqual([]);
		expect(lines.filter((line) => line.level >= 40)).toEqual([]);
		await source.close();
	});

	it('once closed, leaves nothing that keeps the process alive', async () => {
		const script = new URL('close-then-exit.ts', import.meta.url).pathname;
		const started = performance.now();
		const { stderr } = await run(process.execPath, [script], { timeout: 8000 });
		expect(stderr).toBe('');
		// The source's timeout and interval are a minute: ending sooner means neither was left behind.
		expect(performance.now() - started).toBeLessThan(8000);
	});

	it('starts once, and refuses an interval that is not positive', async () => {
		const server = await serve();
		const { source, collect } = pollerOf(server);
		source.start(collect);
		expect(() => source.start(collect)).toThrow('Hugging Face daily papers: a paper source starts once');
		expect(() => pollerOf(server, { intervalMs: 0 })).toThrow(RangeError);
	});
});
