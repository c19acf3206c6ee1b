import type { APIEmbed, RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import { summarize, type DigestPart, type DigestSummary } from '../../delivery/digest-contents.ts';
import type { PaperPost } from '../../delivery/post-sink.ts';
import type { Paper } from '../../papers/paper.ts';
import { topicSnippet } from '../../subscriptions/topic-snippet.ts';
import { discussRow } from './discussion.ts';
import { describeListings, paperUrl } from './paper-link.ts';
import { saveMenuRow } from './save-menu.ts';
import { highlightedSnippet } from './search-page.ts';
import { similarControls } from './similar-papers.ts';
import { PAPER_COLOR } from './style.ts';
import { escape, fit, inlineCode, LIMITS } from './text.ts';

const MAX_AUTHORS = 6;
/** Discord's limit on the text of all embeds of one message, less a margin. */
const EMBED_TEXT_BUDGET = LIMITS.embedsTotal - 100;

function authorLine(paper: Paper, limit: number): string | undefined {
	const authors = paper.authors ?? [];
	if (authors.length === 0) return undefined;
	const named = authors.slice(0, MAX_AUTHORS).join(', ');
	return fit(authors.length > MAX_AUTHORS ? `${named} and ${authors.length - MAX_AUTHORS} more` : named, limit);
}

function listTopics(topics: readonly string[]): string {
	return topics.map(inlineCode).join(', ');
}

/**
 * One paper's embed within `budget` characters: the embeds of a message share 6,000, so ten
 * papers get a tenth each, one paper much more. Each part is cut on its own, never a markup.
 */
function paperEmbed(paper: Paper, topics: readonly string[], budget: number): APIEmbed {
	const title = fit(paper.title, Math.min(LIMITS.embedTitle, Math.floor(budget * 0.25)));
	const footer = fit(describeListings(paper), Math.min(200, Math.floor(budget * 0.1)), { markdown: false });
	const why = `-# ${escape(fit(`matched ${topics.map((topic) => `“${topic}”`).join(', ')}`, Math.min(200, Math.floor(budget * 0.15)), { markdown: false }))}`;
	const authors = authorLine(paper, Math.min(300, Math.floor(budget * 0.15)));
	// What is left goes to the snippet, less the line breaks and the italics around the authors.
	const snippetRoom = budget - title.length - footer.length - why.length - (authors ? authors.length + 3 : 0) - 2;
	const snippet = highlightedSnippet(topicSnippet(paper, topics), Math.max(0, snippetRoom));
	return {
		color: PAPER_COLOR,
		title,
		url: paperUrl(paper),
		description: [authors ? `*${authors}*` : undefined, snippet, why].filter(Boolean).join('\n'),
		footer: { text: footer },
		...(paper.publishedAt && !Number.isNaN(Date.parse(paper.publishedAt)) ? { timestamp: new Date(paper.publishedAt).toISOString() } : {}),
	};
}

const papers = (count: number) => `${count} new ${count === 1 ? 'paper' : 'papers'}`;

/**
 * The digest's line: its papers, then how many each topic caught, as many topics as fit in
 * Discord's limit (a cut would leave a topic's code span open), the rest counted.
 */
function digestHeading(digest: DigestPart, summary: DigestSummary): string {
	const day = new Date(digest.date).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
	const part = digest.parts > 1 ? ` (part ${digest.part} of ${digest.parts})` : '';
	const opening = `**${digest.period === 'weekly' ? 'Weekly' : 'Daily'} paper digest, ${day}**${part}: ${papers(summary.papers)}`;
	const counts = summary.topics.map(({ topic, papers: count }) => `${count} for ${inlineCode(topic)}`);
	for (let shown = counts.length; shown > 0; shown--) {
		const rest = counts.length - shown;
		const line = `${opening} (${counts.slice(0, shown).join(', ')}${rest > 0 ? `, and ${rest} more ${rest === 1 ? 'topic' : 'topics'}` : ''})`;
		if (line.length <= LIMITS.content) return line;
	}
	return opening;
}

function heading(post: PaperPost): string {
	const topics = [...new Set(post.items.flatMap((item) => item.topics))];
	// Digests formed before summaries were kept sum up the message's own papers.
	if (post.digest) return digestHeading(post.digest, post.digest.summary ?? summarize(post.items));
	const count = post.items.length;
	return `${count === 1 ? 'A new paper' : papers(count)} for ${listTopics(topics)}`;
}

/** A post of new papers, as the REST body Discord takes, with the Save menu; mentions are never parsed. `inThread`: a forum post's first message. */
export function renderPaperPost(post: PaperPost, { inThread = false } = {}): RESTPostAPIChannelMessageJSONBody {
	const discuss = inThread ? undefined : discussRow(post);
	return {
		content: fit(heading(post), LIMITS.content, { markdown: false }),
		embeds: post.items.map(({ paper, topics }) =>
			paperEmbed(paper, topics, Math.min(LIMITS.embedDescription, Math.floor(EMBED_TEXT_BUDGET / post.items.length))),
		),
		// Discuss first, where it is: the Save menu is under every post, a forum post's too; Similar follows.
		components: [
			...(discuss ? [discuss] : []),
			saveMenuRow(post.items.map(({ paper }) => paper)),
			similarControls(post.items.map(({ paper }) => paper)),
		],
		allowed_mentions: { parse: [] },
	};
}
