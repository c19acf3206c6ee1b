import { describe, expect, it } from 'vitest';
import { parseHuggingFaceDaily } from '../../../src/sources/http/hugging-face.ts';
import { SourceFormatError } from '../../../src/sources/http/parsed-feed.ts';
import { fixture } from './fixtures.ts';

describe('parseHuggingFaceDaily', () => {
	it('reads each paper of the daily list, with its arXiv id, link, authors and the day it was listed', () => {
		const { papers, skipped } = parseHuggingFaceDaily(fixture('hf-daily-papers.json'));
		expect(papers.map((paper) => paper.arxivId)).toEqual(['2411.01234', '2411.02345', '2411.04567']);
		expect(papers[0]).toEqual({
			title: 'Sparse Mixture Routing for Long-Context Retrieval',
			abstract: expect.stringMatching(/^Long-context language models spend most of their compute attending to tokens that never matter/),
			arxivId: '2411.01234',
			url: 'https://arxiv.org/abs/2411.01234',
			authors: ['Mara Lindqvist', 'Tomás Okafor', 'Wen-Li Zhou'],
			publishedAt: '2024-11-02T17:59:58.000Z',
			upvotes: 42,
			listings: [{ file: 'Hugging Face daily papers', date: '2024-11-04' }],
		});
		expect(papers[0]!.abstract).not.toMatch(/\n|\s{2}/);
		expect(skipped).toEqual(['item 3: 2411.03456: no summary']);
	});

	it('takes the title from the paper when the item has none, and drops authors without a name', () => {
		const [, second] = parseHuggingFaceDaily(fixture('hf-daily-papers.json')).papers;
		expect(second?.title).toBe('Self-Correcting Diffusion Policies for Robot Manipulation');
		expect(second?.authors).toEqual(['Priya Raman', 'Jonas Weber']);
	});

	it('skips items of the wrong shape, saying which and why, and keeps the rest', () => {
		const good = { paper: { id: '2411.07777', title: 'A Good Paper', summary: 'It is good.' } };
		const body = JSON.stringify([
			null,
			{ paper: 'not an object' },
			{ paper: { id: 'not-an-id', title: 'T', summary: 'S' } },
			{ paper: { id: 2411.08888, title: 'T', summary: 'S' } },
			{ paper: { id: '2411.09999', title: ['T'], summary: 'S' } },
			{ paper: { id: '2411.09999', title: '   ', summary: 'S' } },
			good,
		]);
		const { papers, skipped } = parseHuggingFaceDaily(body);
		expect(papers.map((paper) => paper.title)).toEqual(['A Good Paper']);
		// Nothing the item did not say: no dates, no authors, so the library keeps what others know.
		expect(papers[0]).toEqual({
			title: 'A Good Paper',
			abstract: 'It is good.',
			arxivId: '2411.07777',
			url: 'https://arxiv.org/abs/2411.07777',
			listings: [{ file: 'Hugging Face daily papers' }],
		});
		expect(skipped).toEqual([
			'item 1: no "paper" object',
			'item 2: no "paper" object',
			'item 3: "paper.id" is not an arXiv id: "not-an-id"',
			'item 4: "paper.id" is not an arXiv id: 2411.08888',
			'item 5: 2411.09999: no title',
			'item 6: 2411.09999: no title',
		]);
	});

	it('reads an empty list as no papers', () => {
		expect(parseHuggingFaceDaily('[]')).toEqual({ papers: [], skipped: [] });
	});

	it('refuses an answer that is not a JSON array of papers', () => {
		expect(() => parseHuggingFaceDaily(fixture('error-page.html'))).toThrow(SourceFormatError);
		expect(() => parseHuggingFaceDaily(fixture('error-page.html'))).toThrow(/Hugging Face daily papers: the answer is not JSON/);
		expect(() => parseHuggingFaceDaily('')).toThrow(/not JSON/);
		expect(() => parseHuggingFaceDaily('{"error":"Invalid date"}')).toThrow(
			'Hugging Face daily papers: expected a JSON array of papers, got an error: Invalid date',
		);
		expect(() => parseHuggingFaceDaily('{"papers":[]}')).toThrow(/got an object$/);
		expect(() => parseHuggingFaceDaily('null')).toThrow(/got null$/);
		expect(() => parseHuggingFaceDaily('"today"')).toThrow(/got a string$/);
	});
});
