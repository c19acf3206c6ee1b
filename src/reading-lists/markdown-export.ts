import { paperYear, type CitedPaper } from '../papers/bibtex.ts';
import { describeListing } from '../papers/paper.ts';

/** Markdown's inline markup (emphasis, code, links, HTML, entities, strikethrough): escaped, text shows as written. */
const MARKUP = /[\\`*_[\]<>~&]/g;

function escapeMarkdown(text: string): string {
	return text.replace(MARKUP, '\\$&');
}

/** A link target Markdown cannot misread: spaces, parentheses and angle brackets percent-encoded. */
function linkTarget(url: string): string {
	return url.replace(/[ \t\n()<>]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function paperLine(paper: CitedPaper): string {
	const url = paper.url ?? (paper.arxivId ? `https://arxiv.org/abs/${paper.arxivId}` : undefined);
	const title = escapeMarkdown(paper.title);
	const details = [
		paper.authors?.length ? escapeMarkdown(paper.authors.join(', ')) : undefined,
		paperYear(paper),
		paper.arxivId ? `arXiv:${escapeMarkdown(paper.arxivId)}` : undefined,
		paper.listings.length ? `listed in ${escapeMarkdown(paper.listings.map(describeListing).join(', '))}` : undefined,
	].filter(Boolean);
	const linked = url ? `[${title}](${linkTarget(url)})` : title;
	return `- ${linked}${details.length ? ` — ${details.join(' · ')}` : ''}`;
}

/** A reading list as a Markdown file: a heading, then one bullet per paper with its link and what is known of it. */
export function markdownReadingList(papers: readonly CitedPaper[], heading = 'Reading list'): string {
	return `# ${escapeMarkdown(heading)}\n\n${papers.map(paperLine).join('\n')}\n`;
}
