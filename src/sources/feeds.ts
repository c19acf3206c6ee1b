import { ARXIV_LISTING, parseArxivAtom } from './http/arxiv.ts';
import { HUGGING_FACE_LISTING, parseHuggingFaceDaily } from './http/hugging-face.ts';
import type { ParsedFeed } from './http/parsed-feed.ts';

/** A feed of papers Paperboy polls over HTTP: all that configuration, start-up and doctor know of it. */
export interface Feed {
	/** Names it in logs; also the listing its papers remember, as the parser writes it. */
	readonly name: string;
	/** The variable holding its URL; the feed is off while it is unset. */
	readonly envVar: string;
	/** What a good URL looks like, for the message about a bad one: "must be …". */
	readonly urlHint: string;
	/** Reads one answer; throws a `SourceFormatError` for one that is not such a feed at all. */
	readonly parse: (body: string) => ParsedFeed;
}

/** Every feed, in the order they are validated, started and described. A new feed is a parser and a row. */
export const FEEDS = [
	{
		name: HUGGING_FACE_LISTING,
		envVar: 'HF_PAPERS_URL',
		urlHint: 'a URL such as https://huggingface.co/api/daily_papers',
		parse: parseHuggingFaceDaily,
	},
	{
		name: ARXIV_LISTING,
		envVar: 'ARXIV_FEED_URL',
		urlHint: 'an arXiv API URL such as https://export.arxiv.org/api/query?search_query=cat:cs.LG',
		parse: parseArxivAtom,
	},
] as const satisfies readonly Feed[];

export type FeedVariable = (typeof FEEDS)[number]['envVar'];

/** A feed turned on, and the URL it is read from. */
export interface FeedSetting {
	readonly feed: Feed;
	readonly url: string;
}

/** The feeds whose variable is set, in table order. */
export function feedsIn(urls: Partial<Record<FeedVariable, string>>): FeedSetting[] {
	return FEEDS.flatMap((feed) => {
		const url = urls[feed.envVar];
		return url ? [{ feed, url }] : [];
	});
}
