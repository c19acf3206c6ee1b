import { expect, it } from 'vitest';
import { markdownReadingList } from '../../src/reading-lists/markdown-export.ts';

it('exports a reading list as Markdown, one linked bullet per paper, markup in titles escaped', () => {
	const markdown = markdownReadingList([
		{
			id: 'p1',
			title: 'Grokking at the Edge of Numerical Stability',
			listings: [{ file: '000.txt', date: 'Mar 14' }],
			arxivId: '2501.04697',
			authors: ['Lucas Prieto', 'Tolga Birdal'],
		},
		{ id: 'p2', title: 'Why *[this]* (works)_', listings: [{ file: 'a_b.txt' }], url: 'https://example.org/a (b)' },
	]);
	expect(markdown).toBe(
		[
			'# Reading list',
			'',
			'- [Grokking at the Edge of Numerical Stability](https://arxiv.org/abs/2501.04697) — Lucas Prieto, Tolga Birdal · 2025 · arXiv:2501.04697 · listed in 000.txt (Mar 14)',
			'- [Why \\*\\[this\\]\\* (works)\\_](https://example.org/a%20%28b%29) — listed in a\\_b.txt',
			'',
		].join('\n'),
	);
});
