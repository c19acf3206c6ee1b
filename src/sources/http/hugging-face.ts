import type { PaperDraft } from '../../papers/paper.ts';
import { arxivIdFrom, buildDraft, cutOffAnswer, excerpt, isRecord, readItems, SourceFormatError, type ParsedFeed } from './parsed-feed.ts';

export const HUGGING_FACE_LISTING = 'Hugging Face daily papers';

/**
 * Reads the Hugging Face daily papers JSON (`/api/daily_papers`): an array of
 * `{ title, publishedAt, paper: { id, title, summary, authors: [{ name }], publishedAt, upvotes } }`.
 * A body that is not such an array throws a `SourceFormatError`; a malformed item is skipped.
 */
export function parseHuggingFaceDaily(body: string): ParsedFeed {
	let items: unknown;
	try {
		items = JSON.parse(body);
	} catch (error) {
		// JSON.parse would say only "Unexpected end of JSON input", or name a position in a string cut short.
		const text = body.trim();
		if (text.startsWith('[') && !text.endsWith(']')) throw cutOffAnswer(HUGGING_FACE_LISTING, body, 'no closing ]');
		throw new SourceFormatError(HUGGING_FACE_LISTING, `the answer is not JSON (${(error as Error).message})`);
	}
	if (!Array.isArray(items))
		throw new SourceFormatError(HUGGING_FACE_LISTING, `expected a JSON array of papers, got ${describeJson(items)}`);
	return readItems(items, 'item', draftFromItem);
}

/** The paper an item describes, or why it cannot be read. */
function draftFromItem(item: unknown): PaperDraft | string {
	if (!isRecord(item) || !isRecord(item.paper)) return 'no "paper" object';
	const { paper } = item;
	const arxivId = typeof paper.id === 'string' ? arxivIdFrom(paper.id) : undefined;
	if (!arxivId) return `"paper.id" is not an arXiv id: ${excerpt(JSON.stringify(paper.id ?? null), 60)}`;
	const title = typeof item.title === 'string' && item.title.trim() ? item.title : paper.title;
	if (typeof title !== 'string' || !title.trim()) return `${arxivId}: no title`;
	if (typeof paper.summary !== 'string' || !paper.summary.trim()) return `${arxivId}: no summary`;
	return buildDraft({
		title,
		abstract: paper.summary,
		arxivId,
		authors: Array.isArray(paper.authors) ? paper.authors.map((author) => (isRecord(author) ? author.name : undefined)) : [],
		publishedAt: paper.publishedAt ?? item.publishedAt,
		// The day it made the daily list, which can be days after arXiv published it.
		listedAt: item.publishedAt,
		listingFile: HUGGING_FACE_LISTING,
		upvotes: paper.upvotes,
	});
}

/** Hugging Face answers an error as `{ "error": "..." }`; say so rather than "an object". */
function describeJson(value: unknown): string {
	if (isRecord(value)) return typeof value.error === 'string' ? `an error: ${excerpt(value.error)}` : 'an object';
	return value === null ? 'null' : `a ${typeof value}`;
}
