import { XMLParser, type EntityDecoderOptions } from 'fast-xml-parser';
import type { PaperDraft } from '../../papers/paper.ts';
import { arxivIdFrom, buildDraft, cutOffAnswer, excerpt, isRecord, readItems, SourceFormatError, type ParsedFeed } from './parsed-feed.ts';

export const ARXIV_LISTING = 'arXiv';

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(?:#[xX]([0-9a-fA-F]{1,6})|#(\d{1,7})|(amp|lt|gt|quot|apos));/g;

/**
 * XML's five entities and character references, in one pass. The parser alone leaves
 * `&#233;` undecoded unless it also decodes HTML's entities; entities a DOCTYPE declares
 * are ignored, which also keeps entity-expansion tricks out.
 */
const xmlEntities: EntityDecoderOptions = {
	decode: (text) =>
		text.replace(ENTITY, (whole, hex?: string, decimal?: string, name?: string) => {
			if (name) return NAMED_ENTITIES[name] ?? whole;
			const codePoint = hex ? parseInt(hex, 16) : Number(decimal);
			return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : whole;
		}),
	setExternalEntities: () => {},
	addInputEntities: () => {},
	reset: () => {},
	setXmlVersion: () => {},
};

const FEED_OPENED = /<feed[\s>]/;
const FEED_CLOSED = /<\/feed>\s*$/;

const parser = new XMLParser({
	// Ids and titles stay text: "1984" is a title, not a number.
	parseTagValue: false,
	isArray: (_tag, path) => path === 'feed.entry' || path === 'feed.entry.author',
	entityDecoder: xmlEntities,
});

/**
 * Reads an arXiv API Atom feed (`export.arxiv.org/api/query`). An answer that is not an
 * Atom feed, or is arXiv's error feed, throws a `SourceFormatError`; a malformed entry is skipped.
 */
export function parseArxivAtom(body: string): ParsedFeed {
	const feed = feedOf(body);
	const entries: unknown[] = Array.isArray(feed.entry) ? feed.entry : [];
	const apiError = entries.filter(isRecord).find((entry) => typeof entry.id === 'string' && entry.id.includes('/api/errors'));
	if (apiError)
		throw new SourceFormatError(
			ARXIV_LISTING,
			`the API answered an error: ${excerpt(typeof apiError.summary === 'string' ? apiError.summary : 'no details')}`,
		);
	return readItems(entries, 'entry', draftFromEntry);
}

function feedOf(body: string): Record<string, unknown> {
	if (!body.trim()) throw new SourceFormatError(ARXIV_LISTING, 'the answer is empty');
	let document: unknown;
	try {
		document = parser.parse(body, true);
	} catch (error) {
		// The parser would only say which tags are left open, as `Invalid '["feed","entry"]' found.:1:1`.
		if (FEED_OPENED.test(body) && !FEED_CLOSED.test(body)) throw cutOffAnswer(ARXIV_LISTING, body, 'no closing </feed>');
		// Most HTML error pages land here: `<meta>` and `<br>` are never closed.
		throw new SourceFormatError(ARXIV_LISTING, `the answer is not well-formed XML (${excerpt((error as Error).message)})`);
	}
	if (isRecord(document) && isRecord(document.feed)) return document.feed;
	const root = isRecord(document) ? Object.keys(document).find((key) => key !== '?xml') : undefined;
	throw new SourceFormatError(ARXIV_LISTING, `expected an Atom <feed>, got ${root ? `<${excerpt(root, 40)}>` : 'no element'}`);
}

/** The paper an entry describes, or why it cannot be read. */
function draftFromEntry(entry: unknown): PaperDraft | string {
	if (!isRecord(entry)) return 'empty entry';
	const arxivId = typeof entry.id === 'string' ? arxivIdFrom(entry.id) : undefined;
	if (!arxivId) return `<id> is not an arXiv abstract link: ${excerpt(JSON.stringify(entry.id ?? null), 60)}`;
	if (typeof entry.title !== 'string' || !entry.title.trim()) return `${arxivId}: no title`;
	if (typeof entry.summary !== 'string' || !entry.summary.trim()) return `${arxivId}: no summary`;
	const authors = Array.isArray(entry.author) ? entry.author : [];
	return buildDraft({
		title: entry.title,
		abstract: entry.summary,
		arxivId,
		authors: authors.map((author) => (isRecord(author) ? author.name : undefined)),
		publishedAt: entry.published,
		listingFile: ARXIV_LISTING,
	});
}
