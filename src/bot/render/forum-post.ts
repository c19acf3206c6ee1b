import type { RESTPostAPIGuildForumThreadsJSONBody } from 'discord.js';
import type { PaperPost } from '../../delivery/post-sink.ts';
import type { Paper } from '../../papers/paper.ts';
import { renderPaperPost } from './paper-post.ts';
import { fit } from './text.ts';

/** Discord's limits on a thread's name, a forum tag's name, and the tags one post may carry. */
export const FORUM_LIMITS = { threadName: 100, tagName: 20, appliedTags: 5, availableTags: 20 } as const;

/** A thread's name is plain text (Markdown is not rendered there), so it is cut, not escaped. */
export function threadName(paper: Paper): string {
	return fit(paper.title, FORUM_LIMITS.threadName, { markdown: false });
}

/** The forum tag a topic goes under: a tag name is plain text too. */
export function tagName(topic: string): string {
	return fit(topic, FORUM_LIMITS.tagName, { markdown: false });
}

/** One paper as a forum post: titled with the paper, its post (embed, mentions off) as the first message. */
export function renderForumPost(
	channelId: string,
	item: PaperPost['items'][number],
	appliedTags: readonly string[],
): RESTPostAPIGuildForumThreadsJSONBody {
	return {
		name: threadName(item.paper),
		message: renderPaperPost({ channelId, items: [item] }, { inThread: true }),
		...(appliedTags.length > 0 ? { applied_tags: appliedTags.slice(0, FORUM_LIMITS.appliedTags) } : {}),
	};
}
