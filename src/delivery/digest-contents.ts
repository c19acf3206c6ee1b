import type { QueuedPost } from './delivery-ledger.ts';

/** What a whole digest holds, for the line that opens each of its messages. */
export interface DigestSummary {
	readonly papers: number;
	/** Each topic with how many of the digest's papers it caught, most first. */
	readonly topics: readonly { readonly topic: string; readonly papers: number }[];
}

/** Which digest a message belongs to, and which part of it it is. */
export interface DigestPart {
	/** Absent in digests formed before weekly ones existed, which were all daily. */
	readonly period?: 'daily' | 'weekly';
	readonly date: string;
	readonly part: number;
	readonly parts: number;
	/** Absent in digests formed before summaries were kept; then a message sums up its own papers. */
	readonly summary?: DigestSummary;
}

/**
 * A digest's posts, the most strongly matched first, then the most upvoted on Hugging Face
 * (papers the feed gave no count for after those it did), then in the order they arrived.
 */
export function strongestFirst(posts: readonly QueuedPost[], upvotes: ReadonlyMap<string, number | undefined>): QueuedPost[] {
	return posts.toSorted((a, b) => (b.strength ?? 0) - (a.strength ?? 0) || (upvotes.get(b.paperId) ?? -1) - (upvotes.get(a.paperId) ?? -1));
}

/** How many papers, and how many each topic caught (a paper caught by two counts for both). */
export function summarize(posts: readonly { readonly topics: readonly string[] }[]): DigestSummary {
	const perTopic = new Map<string, number>();
	for (const topic of posts.flatMap((post) => post.topics)) perTopic.set(topic, (perTopic.get(topic) ?? 0) + 1);
	// A stable sort: topics with as many papers keep the order they first came up in.
	const topics = [...perTopic].map(([topic, papers]) => ({ topic, papers })).toSorted((a, b) => b.papers - a.papers);
	return { papers: posts.length, topics };
}
