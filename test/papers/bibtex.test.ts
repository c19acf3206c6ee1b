import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bibtexEntry, bibtexFile, bibtexKey, escapeBibtex } from '../../src/papers/bibtex.ts';
import type { Paper } from '../../src/papers/paper.ts';

/** How LaTeX reads an escaped text back: each escape stands for the character it writes. */
const READ_BACK: [RegExp, string][] = [
	[/\\textbackslash\{\}/g, '\\'],
	[/\\textasciitilde\{\}/g, '~'],
	[/\\textasciicircum\{\}/g, '^'],
	[/\\([{}$&%#_])/g, '$1'],
];
const readBack = (escaped: string) => READ_BACK.reduce((text, [pattern, plain]) => text.replace(pattern, plain), escaped);

/** Whether `{` and `}` pair up outside escapes, as a braced BibTeX field needs. */
function bracesPair(value: string): boolean {
	let depth = 0;
	for (let i = 0; i < value.length; i++) {
		if (value[i] === '\\') i++;
		else if (value[i] === '{') depth++;
		else if (value[i] === '}' && --depth < 0) return false;
	}
	return depth === 0;
}

const textWithSpecials = fc.string({ unit: fc.constantFrom(...'ab c\\{}&%#_~^é'.split('')), maxLength: 40 });
const grokking: Paper = {
	id: 'p1',
	title: 'Grokking at the Edge of Numerical Stability',
	abstract: 'Grokking, the sudden generalization…',
	listings: [{ file: '000_e0245a0a4af11ce5.txt', date: 'Mar 14' }],
	arxivId: '2501.04697v2',
	authors: ['Lucas Prieto', 'Melih Barsbey', 'Pedro A. M. Mediano', 'Tolga Birdal'],
};

describe('BibTeX', () => {
	it('escapes special characters so that LaTeX reads back the text as written, braces always paired', () => {
		fc.assert(
			fc.property(textWithSpecials, (text) => {
				const escaped = escapeBibtex(text);
				expect(readBack(escaped)).toBe(text);
				expect(bracesPair(escaped)).toBe(true);
			}),
		);
	});

	it('keeps the math of a title as written, around escaped text', () => {
		fc.assert(
			fc.property(textWithSpecials, textWithSpecials, (before, after) => {
				const math = '$\\mathcal{O}(n^2)$';
				const escaped = escapeBibtex(`${before.replaceAll('$', '')}${math}${after.replaceAll('$', '')}`);
				expect(escaped).toContain(math);
			}),
		);
		expect(escapeBibtex('Attention in $\\mathcal{O}(n)$ time & 100% less_memory')).toBe(
			'Attention in $\\mathcal{O}(n)$ time \\& 100\\% less\\_memory',
		);
		// One dollar sign is no math; math with an unpaired brace would end the field early.
		expect(escapeBibtex('$5 models')).toBe('\\$5 models');
		expect(escapeBibtex('$a}$')).toBe('\\$a\\}\\$');
	});

	it('cites an arXiv paper with its eprint, archive, authors and year', () => {
		expect(bibtexEntry(grokking)).toBe(
			[
				'@misc{prieto2025grokking,',
				'  title = {Grokking at the Edge of Numerical Stability},',
				'  author = {Lucas Prieto and Melih Barsbey and Pedro A. M. Mediano and Tolga Birdal},',
				'  year = {2025},',
				'  eprint = {2501.04697},',
				'  archivePrefix = {arXiv},',
				'  url = {https://arxiv.org/abs/2501.04697v2}',
				'}',
			].join('\n'),
		);
	});

	it('says where a paper known only from a listing was listed', () => {
		const listed: Paper = { id: 'p2', title: 'The 50% Rule: Sparse_Nets', abstract: '', listings: grokking.listings };
		expect(bibtexEntry(listed)).toBe(
			[
				'@misc{anonymousthe,',
				'  title = {The 50\\% Rule: Sparse\\_Nets},',
				'  note = {Listed in 000\\_e0245a0a4af11ce5.txt (Mar 14)}',
				'}',
			].join('\n'),
		);
	});

	it('gives a paper the same key every time, from author, year and first word, accents folded', () => {
		const paper = { ...grokking, authors: ['Émile Škoda'], title: '“Über” models', publishedAt: '2024-03-01T00:00:00Z' };
		expect(bibtexKey(paper)).toBe('skoda2024uber');
		expect(bibtexKey({ ...paper, url: 'https://example.org', listings: [] })).toBe('skoda2024uber');
		expect(bibtexKey({ ...paper, authors: ['Škoda, Émile'] })).toBe('skoda2024uber');
	});

	it('keeps keys unique within a file', () => {
		const file = bibtexFile([grokking, { ...grokking, id: 'p3' }, { ...grokking, id: 'p4' }]);
		expect([...file.matchAll(/^@misc\{([^,]+),/gm)].map((match) => match[1])).toEqual([
			'prieto2025grokking',
			'prieto2025grokking-2',
			'prieto2025grokking-3',
		]);
	});
});
