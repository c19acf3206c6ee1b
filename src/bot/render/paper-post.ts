import type { APIEmbed, RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { PaperPost } from '../../delivery/post-sink.js';
import type { Paper } from '../../papers/paper.js';
import { topicSnippet } from '../../subscriptions/topic-snippet.js';
import { describeListings, paperUrl } from './paper-link.js';
import { highlightedSnippet } from './search-page.js';
import { PAPER_COLOR } from './style.js';
import { escape, fit, LIMITS } from './text.js';

const MAX_AUTHORS = 6;

function authorLine(paper: Paper): string | undefined {
	const authors = paper.authors ?? [];
	if (authors.length === 0) return undefined;
	const named = authors.slice(0, MAX_AUTHORS).join(', ');
	return fit(authors.length > MAX_AUTHORS ? `${named} and ${authors.length - MAX_AUTHORS} more` : named, 200);
}

function listTopics(topics: readonly string[]): string {
	return topics.map((topic) => `\`${topic.replaceAll('`', "'")}\``).join(', ');
}

/** Ten embeds share a message's 6,000 characters: each stays inside its tenth. */
function paperEmbed(paper: Paper, topics: readonly string[]): APIEmbed {
	const authors = authorLine(paper);
	const snippet = highlightedSnippet(topicSnippet(paper, topics), 300);
	const why = fit(`matched ${topics.map((topic) => `“${topic}”`).join(', ')}`, 90, { markdown: false });
	return {
		color: PAPER_COLOR,
		title: fit(paper.title, 180),
		url: paperUrl(paper),
		description: [authors ? `*${authors}*` : undefined, snippet, `-# ${escape(why)}`].filter(Boolean).join('\n'),
		footer: { text: fit(describeListings(paper), 60, { markdown: false }) },
		...(paper.publishedAt && !Number.isNaN(Date.parse(paper.publishedAt)) ? { timestamp: new Date(paper.publishedAt).toISOString() } : {}),
	};
}

function heading(post: PaperPost): string {
	const count = post.items.length;
	const topics = [...new Set(post.items.flatMap((item) => item.topics))];
	if (post.digest) {
		const day = new Date(post.digest.date).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
		const part = post.digest.parts > 1 ? ` (part ${post.digest.part} of ${post.digest.parts})` : '';
		return `**Daily paper digest, ${day}**${part}: ${count} new ${count === 1 ? 'paper' : 'papers'} for ${listTopics(topics)}`;
	}
	return `${count === 1 ? 'A new paper' : `${count} new papers`} for ${listTopics(topics)}`;
}

/** A post of new papers, as the REST body Discord takes; mentions are never parsed. */
export function renderPaperPost(post: PaperPost): RESTPostAPIChannelMessageJSONBody {
	return {
		content: fit(heading(post), LIMITS.content, { markdown: false }),
		embeds: post.items.map(({ paper, topics }) => paperEmbed(paper, topics)),
		allowed_mentions: { parse: [] },
	};
}
