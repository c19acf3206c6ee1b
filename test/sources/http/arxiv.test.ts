import { describe, expect, it } from 'vitest';
import { parseArxivAtom } from '../../../src/sources/http/arxiv.ts';
import { SourceFormatError } from '../../../src/sources/http/parsed-feed.ts';
import { fixture } from './fixtures.ts';

function feed(...entries: string[]): string {
	return `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">${entries.join('')}</feed>`;
}

describe('parseArxivAtom', () => {
	it('reads every entry: versionless id, link, one-line title and abstract, authors, publication day', () => {
		const { papers, skipped } = parseArxivAtom(fixture('arxiv-query.atom.xml'));
		expect(skipped).toEqual([]);
		expect(papers.map((paper) => paper.title)).toEqual([
			'Sparse Mixture Routing for Long-Context Retrieval',
			'Q&A over Scientific Tables: When Retrieval Beats Reasoning',
			'Grokking Modular Arithmetic Without Weight Decay',
		]);
		expect(papers[0]).toEqual({
			title: 'Sparse Mixture Routing for Long-Context Retrieval',
			abstract: expect.stringMatching(/^Long-context language models .* on RULER and LongBench\.$/),
			arxivId: '2411.01234',
			url: 'https://arxiv.org/abs/2411.01234',
			authors: ['Mara Lindqvist', 'Tomás Okafor', 'Wen-Li Zhou'],
			publishedAt: '2024-11-02T17:59:58.000Z',
			listings: [{ file: 'arXiv', date: '2024-11-02' }],
		});
		expect(papers[2]).toMatchObject({ arxivId: '2410.09876', url: 'https://arxiv.org/abs/2410.09876', authors: ['Ines Duarte'] });
	});

	it('decodes entities and character references exactly once', () => {
		const [, tables] = parseArxivAtom(fixture('arxiv-query.atom.xml')).papers;
		expect(tables?.abstract).toContain('a retriever with 10<sup>-3</sup> of the parameters');
		expect(tables?.abstract).toMatch(/\(F1 0\.71 vs\. 0\.72\) & runs 40x faster\.$/);
		expect(tables?.authors).toEqual(['Henri Poincaré-Dubois', 'Sun-Hee Park']);
		const escaped = parseArxivAtom(
			feed('<entry><id>http://arxiv.org/abs/2411.00001v1</id><title>AT&amp;amp;T &amp;#233; &#x1F600;</title><summary>S</summary></entry>'),
		);
		expect(escaped.papers[0]?.title).toBe('AT&amp;T &#233; 😀');
	});

	it('reads pre-2007 ids, and a title that looks like a number, as text', () => {
		const { papers } = parseArxivAtom(
			feed('<entry><id>http://arxiv.org/abs/hep-th/9901001v1</id><title>1984</title><summary>S</summary></entry>'),
		);
		expect(papers[0]).toMatchObject({ title: '1984', arxivId: 'hep-th/9901001', url: 'https://arxiv.org/abs/hep-th/9901001' });
	});

	it('skips malformed entries, saying which and why, and keeps the rest', () => {
		const { papers, skipped } = parseArxivAtom(
			feed(
				'<entry><id>http://example.org/not-arxiv</id><title>T</title><summary>S</summary></entry>',
				'<entry><id>http://arxiv.org/abs/2411.00002v1</id><summary>S</summary></entry>',
				'<entry><id>http://arxiv.org/abs/2411.00003v1</id><title>Bold <b>claim</b></title><summary>S</summary></entry>',
				'<entry><id>http://arxiv.org/abs/2411.00004v1</id><title>T</title><summary>  </summary></entry>',
				'<entry></entry>',
				'<entry><id>http://arxiv.org/abs/2411.00005</id><title>Kept</title><summary>S</summary><published>not a date</published></entry>',
			),
		);
		expect(papers).toEqual([
			{ title: 'Kept', abstract: 'S', arxivId: '2411.00005', url: 'https://arxiv.org/abs/2411.00005', listings: [{ file: 'arXiv' }] },
		]);
		expect(skipped).toEqual([
			'entry 1: <id> is not an arXiv abstract link: "http://example.org/not-arxiv"',
			'entry 2: 2411.00002: no title',
			'entry 3: 2411.00003: no title',
			'entry 4: 2411.00004: no summary',
			'entry 5: empty entry',
		]);
	});

	it('reads a feed with no entries as no papers', () => {
		expect(parseArxivAtom(fixture('arxiv-empty.atom.xml'))).toEqual({ papers: [], skipped: [] });
	});

	it("refuses arXiv's error feed, an HTML error page, an empty answer and other XML", () => {
		expect(() => parseArxivAtom(fixture('arxiv-error.atom.xml'))).toThrow(SourceFormatError);
		expect(() => parseArxivAtom(fixture('arxiv-error.atom.xml'))).toThrow(
			'arXiv: the API answered an error: incorrect id format for 1234.12345',
		);
		expect(() => parseArxivAtom(fixture('error-page.html'))).toThrow(/^arXiv: the answer is not well-formed XML/);
		expect(() => parseArxivAtom('<html><body><p>Down for maintenance</p></body></html>')).toThrow(
			'arXiv: expected an Atom <feed>, got <html>',
		);
		expect(() => parseArxivAtom('')).toThrow('arXiv: the answer is empty');
		expect(() => parseArxivAtom('[{"paper":{}}]')).toThrow(SourceFormatError);
	});
});
