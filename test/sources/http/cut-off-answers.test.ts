import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PaperDraft } from '../../../src/papers/paper.ts';
import { ARXIV_LISTING, parseArxivAtom } from '../../../src/sources/http/arxiv.ts';
import { HttpPaperSource } from '../../../src/sources/http/http-source.ts';
import { HUGGING_FACE_LISTING, parseHuggingFaceDaily } from '../../../src/sources/http/hugging-face.ts';
import type { ParsedFeed } from '../../../src/sources/http/parsed-feed.ts';
import { ok, startFeedServer, type Answer } from './feed-server.ts';
import { recordingLogger } from './recording-logger.ts';

// Real answers, as arXiv's API and Hugging Face's daily papers gave them.
const CORPORA = new URL('../../../../shared/corpora/raw/', import.meta.url);
const ARXIV_ANSWER = readFileSync(new URL('arxiv-atom/arxiv.py-2026/q_testing_s0_m10_df962dbeea2e.xml', CORPORA), 'utf8');
const HF_ANSWER = readFileSync(new URL('hf-daily/raw-2024/daily_papers_2024-03-29.json', CORPORA), 'utf8');
const CUT_AT = 7000;
const cutBytes = (answer: string) => Buffer.byteLength(answer.slice(0, CUT_AT)).toLocaleString('en-US');

/** Sends the first `bytes` of `body` with a Content-Length promising all of it, then drops the connection. */
function dropsAfter(body: string, bytes: number): Answer {
	return (_request, response) => {
		const whole = Buffer.from(body);
		response.writeHead(200, { 'content-type': 'application/atom+xml', 'content-length': whole.length });
		response.write(whole.subarray(0, bytes), () => response.destroy());
	};
}

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
	for (const closable of running.splice(0)) await closable.close();
});

async function poll(name: string, parse: (body: string) => ParsedFeed, whole: string, cut: Answer) {
	const server = await startFeedServer(ok(whole));
	server.queue.push(cut);
	running.push(server);
	const { logger, warnings } = recordingLogger();
	const url = `${server.url}/api/query?search_query=cat:cs.LG&api_key=SECRET-IN-QUERY`;
	const source = new HttpPaperSource({ name, url, parse, intervalMs: 100, timeoutMs: 2000, logger });
	running.unshift(source);
	const batches: PaperDraft[][] = [];
	source.start(async (papers) => void batches.push(papers));
	// The poll after the failure reads the whole answer: polling went on, and nothing was lost.
	await vi.waitFor(() => expect(batches).toHaveLength(1), { timeout: 5000 });
	expect(batches[0]).toEqual(parse(whole).papers);
	const [failure, ...more] = warnings('source_failed');
	expect(more).toEqual([]);
	expect(JSON.stringify(failure)).not.toContain('SECRET-IN-QUERY');
	return { failure: failure!, host: new URL(server.url).host };
}

describe('an answer cut off on the way', () => {
	it('is logged as cut off, saying which feed, where from, after how many bytes, and that polling goes on', async () => {
		const cut = ok(ARXIV_ANSWER.slice(0, CUT_AT), 'application/atom+xml');
		const { failure, host } = await poll(ARXIV_LISTING, parseArxivAtom, ARXIV_ANSWER, cut);
		expect(failure).toMatchObject({ source: ARXIV_LISTING, url: `${host}/api/query`, attempt: 1 });
		expect(failure.msg).toBe(
			`arXiv: could not read the feed at ${host}/api/query: the answer was cut off after ${cutBytes(ARXIV_ANSWER)} bytes (no closing </feed>); ` +
				'trying again in 1 s, nothing read before is lost',
		);
	});

	it('is logged as cut off when the connection drops before the promised length', async () => {
		const { failure, host } = await poll(ARXIV_LISTING, parseArxivAtom, ARXIV_ANSWER, dropsAfter(ARXIV_ANSWER, 7000));
		expect(failure.msg).toBe(
			`arXiv: could not read the feed at ${host}/api/query: the answer was cut off after 7,000 bytes: the connection closed; ` +
				'trying again in 1 s, nothing read before is lost',
		);
	});

	it('is logged as cut off for the Hugging Face feed too, whose answer is JSON', async () => {
		const cut = ok(HF_ANSWER.slice(0, CUT_AT));
		const { failure } = await poll(HUGGING_FACE_LISTING, parseHuggingFaceDaily, HF_ANSWER, cut);
		expect(failure.msg).toMatch(
			/^Hugging Face daily papers: could not read the feed at .*: the answer was cut off after 7,000 bytes \(no closing \]\); /,
		);
	});
});

describe('the parsers', () => {
	it('tell an answer cut off anywhere from one that is not a feed', () => {
		for (const end of [300, 7000, ARXIV_ANSWER.lastIndexOf('</feed>')])
			expect(() => parseArxivAtom(ARXIV_ANSWER.slice(0, end))).toThrow(
				/^arXiv: the answer was cut off after [\d,]+ bytes \(no closing <\/feed>\)$/,
			);
		expect(() => parseArxivAtom('<feed><entry><id>x</entry></feed>')).toThrow(/^arXiv: the answer is not well-formed XML \(/);
		for (const end of [1, 7000, HF_ANSWER.lastIndexOf(']')])
			expect(() => parseHuggingFaceDaily(HF_ANSWER.slice(0, end))).toThrow(/the answer was cut off after [\d,]+ bytes \(no closing \]\)$/);
		expect(() => parseHuggingFaceDaily('[{"paper": }]')).toThrow(/^Hugging Face daily papers: the answer is not JSON \(/);
	});
});
