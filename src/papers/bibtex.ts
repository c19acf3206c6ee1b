import { describeListing, type Paper } from './paper.ts';

/** What a citation needs of a paper: a saved paper (no abstract) will do. */
export type CitedPaper = Omit<Paper, 'abstract'>;

/** BibTeX's special characters outside math, each as LaTeX writes it literally. */
const SPECIAL: Record<string, string> = {
	'\\': '\\textbackslash{}',
	'{': '\\{',
	'}': '\\}',
	$: '\\$',
	'&': '\\&',
	'%': '\\%',
	'#': '\\#',
	_: '\\_',
	'~': '\\textasciitilde{}',
	'^': '\\textasciicircum{}',
};
const SPECIAL_CHARACTER = /[\\{}$&%#_~^]/g;
/** `$…$` with something inside: LaTeX math that a title already carries. */
const MATH = /\$[^$]+\$/g;

function escapeText(text: string): string {
	return text.replace(SPECIAL_CHARACTER, (character) => SPECIAL[character]!);
}

/** Whether braces in math pair up: an unpaired one would end the BibTeX field early, so such "math" is escaped as text. */
function balanced(math: string): boolean {
	let depth = 0;
	for (let i = 0; i < math.length; i++) {
		if (math[i] === '\\') i++;
		else if (math[i] === '{') depth++;
		else if (math[i] === '}' && --depth < 0) return false;
	}
	return depth === 0;
}

/**
 * Text as a braced BibTeX value shows it: special characters escaped, math (`$\mathcal{O}(n)$`)
 * kept as written so LaTeX typesets it.
 */
export function escapeBibtex(text: string): string {
	let escaped = '';
	let at = 0;
	for (const match of text.matchAll(MATH)) {
		if (!balanced(match[0])) continue;
		escaped += escapeText(text.slice(at, match.index)) + match[0];
		at = match.index + match[0].length;
	}
	return escaped + escapeText(text.slice(at));
}

/** Letters and digits only, accents dropped: what a citation key may hold everywhere. */
function keyPart(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.replace(/[^A-Za-z0-9]+/g, '')
		.toLowerCase();
}

/** A name's family name: the last word of "Given Family", the first part of "Family, Given". */
function familyName(author: string): string {
	const [before, after] = author.split(',');
	return (after === undefined ? author.trim().split(/\s+/).at(-1) : before) ?? '';
}

/** The year the paper appeared, from its date or its new-style arXiv identifier (YYMM.NNNNN). */
export function paperYear(paper: CitedPaper): string | undefined {
	const date = paper.publishedAt ? Date.parse(paper.publishedAt) : NaN;
	if (!Number.isNaN(date)) return String(new Date(date).getUTCFullYear());
	const arxiv = /^(\d{2})(\d{2})\.\d{4,5}/.exec(paper.arxivId ?? '');
	return arxiv ? `20${arxiv[1]}` : undefined;
}

/**
 * The citation key: first author's family name, year and first title word (`prieto2025grokking`),
 * from the paper alone, so citing it again gives the same key.
 */
export function bibtexKey(paper: CitedPaper): string {
	const author = keyPart(familyName(paper.authors?.[0] ?? '')) || 'anonymous';
	const word = paper.title.split(/\s+/).map(keyPart).find(Boolean) ?? 'paper';
	return `${author}${paperYear(paper) ?? ''}${word}`;
}

/** A link BibTeX can carry as it is: no braces or spaces, which would break the field. */
function citableUrl(paper: CitedPaper): string | undefined {
	const url = paper.url ?? (paper.arxivId ? `https://arxiv.org/abs/${paper.arxivId}` : undefined);
	return url && !/[{}\s]/.test(url) ? url : undefined;
}

/**
 * One paper as a BibTeX `@misc` entry. An arXiv paper carries its eprint; a paper known only
 * from listings says where it was listed, in a note.
 */
export function bibtexEntry(paper: CitedPaper, key = bibtexKey(paper)): string {
	const eprint = paper.arxivId?.replace(/v\d+$/, '');
	const year = paperYear(paper);
	const url = citableUrl(paper);
	const fields: [string, string | undefined][] = [
		['title', escapeBibtex(paper.title)],
		['author', paper.authors?.length ? paper.authors.map(escapeBibtex).join(' and ') : undefined],
		['year', year],
		['eprint', eprint ? escapeBibtex(eprint) : undefined],
		['archivePrefix', eprint ? 'arXiv' : undefined],
		['url', url],
		[
			'note',
			eprint || paper.listings.length === 0 ? undefined : escapeBibtex(`Listed in ${paper.listings.map(describeListing).join(', ')}`),
		],
	];
	const lines = fields.filter(([, value]) => value !== undefined).map(([name, value]) => `  ${name} = {${value}}`);
	return `@misc{${key},\n${lines.join(',\n')}\n}`;
}

/**
 * Several entries, one blank line between: a .bib file. BibTeX needs keys unique, so a key two
 * papers share gets `-2`, `-3`… after its first use (no key of its own has a hyphen).
 */
export function bibtexFile(papers: readonly CitedPaper[]): string {
	const uses = new Map<string, number>();
	const entries = papers.map((paper) => {
		const key = bibtexKey(paper);
		const before = uses.get(key) ?? 0;
		uses.set(key, before + 1);
		return bibtexEntry(paper, before === 0 ? key : `${key}-${before + 1}`);
	});
	return `${entries.join('\n\n')}\n`;
}
