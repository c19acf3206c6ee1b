import { cleanText } from '../../papers/normalize.ts';
import type { PaperDraft } from '../../papers/paper.ts';

/** What a feed held: its papers, and one reason for each item that had to be left out. */
export interface ParsedFeed {
	readonly papers: PaperDraft[];
	readonly skipped: string[];
}

/**
 * Reads each item of a feed into a paper, or into the reason it was left out (`label` and its
 * 1-based position name it), so one bad item never costs the others.
 */
export function readItems(items: readonly unknown[], label: string, read: (item: unknown) => PaperDraft | string): ParsedFeed {
	const papers: PaperDraft[] = [];
	const skipped: string[] = [];
	items.forEach((item, i) => {
		const draft = read(item);
		if (typeof draft === 'string') skipped.push(`${label} ${i + 1}: ${draft}`);
		else papers.push(draft);
	});
	return { papers, skipped };
}

/** The whole answer is not a feed of the expected kind (an error page, another format, a cut-off answer). */
export class SourceFormatError extends Error {
	override readonly name = 'SourceFormatError';

	/** What is wrong with the answer, without the source's name, which the message starts with. */
	readonly detail: string;
	constructor(source: string, detail: string) {
		super(`${source}: ${detail}`);
		this.detail = detail;
	}
}

/**
 * The error for an answer that stops before its document ends: a server or proxy that closed
 * the connection early, or a body limit on the way. `ending` says what is missing.
 */
export function cutOffAnswer(source: string, body: string, ending: string): SourceFormatError {
	const bytes = Buffer.byteLength(body).toLocaleString('en-US');
	return new SourceFormatError(source, `the answer was cut off after ${bytes} bytes (${ending})`);
}

// New-style ids (2411.01234) and the pre-2007 ones (hep-th/9901001, math.AG/0309136).
const ARXIV_ID = /^(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/;

/** The versionless arXiv id in "2411.01234v2" or "http://arxiv.org/abs/2411.01234v2". */
export function arxivIdFrom(text: string): string | undefined {
	const id = text.trim().replace(/^https?:\/\/(?:export\.)?arxiv\.org\/abs\//, '');
	return ARXIV_ID.exec(id)?.[1];
}

export interface DraftFields {
	readonly title: string;
	readonly abstract: string;
	readonly arxivId: string;
	readonly authors: readonly unknown[];
	readonly publishedAt: unknown;
	readonly listingFile: string;
	/** When the paper appeared in this listing, if not its publication time. */
	readonly listedAt?: unknown;
	readonly upvotes?: unknown;
}

/**
 * A draft holding only the fields the source knew: the library lets a known field win when
 * it merges, so an `undefined` key would hide what another source said.
 */
export function buildDraft(fields: DraftFields): PaperDraft {
	const publishedAt = isoTimestamp(fields.publishedAt);
	const listedAt = isoTimestamp(fields.listedAt) ?? publishedAt;
	const authors = fields.authors
		.filter((name): name is string => typeof name === 'string')
		.map(cleanText)
		.filter(Boolean);
	return {
		title: cleanText(fields.title),
		abstract: cleanText(fields.abstract),
		arxivId: fields.arxivId,
		url: `https://arxiv.org/abs/${fields.arxivId}`,
		...(authors.length > 0 ? { authors } : {}),
		...(publishedAt ? { publishedAt } : {}),
		...(Number.isSafeInteger(fields.upvotes) && (fields.upvotes as number) >= 0 ? { upvotes: fields.upvotes as number } : {}),
		listings: [listedAt ? { file: fields.listingFile, date: listedAt.slice(0, 10) } : { file: fields.listingFile }],
	};
}

function isoTimestamp(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const time = Date.parse(value);
	return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text for a message about a malformed answer, never long enough to be the answer itself. */
export function excerpt(text: string, length = 120): string {
	const clean = cleanText(text);
	return clean.length > length ? `${clean.slice(0, length)}…` : clean;
}
