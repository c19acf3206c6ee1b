import { describeListing, type Paper } from '../../papers/paper.ts';

/** Where a member can read the paper: its own link, its arXiv page, or an arXiv title search. */
export function paperUrl(paper: Pick<Paper, 'url' | 'arxivId' | 'title'>): string {
	if (paper.url) return paper.url;
	if (paper.arxivId) return `https://arxiv.org/abs/${encodeURIComponent(paper.arxivId)}`;
	return `https://arxiv.org/search/?searchtype=title&query=${encodeURIComponent(paper.title)}`;
}

export function describeListings(paper: Paper): string {
	return paper.listings.map(describeListing).join(', ');
}
