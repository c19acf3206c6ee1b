import { MessageFlags, type APIEmbed, type InteractionReplyOptions } from 'discord.js';
import type { Paper } from '../../papers/paper.ts';
import { describeListings, paperUrl } from './paper-link.ts';
import { NO_MENTIONS, PAPER_COLOR } from './style.ts';
import { fit, LIMITS } from './text.ts';

/** One paper in full: title linked, the whole abstract, where it was listed, authors when known. */
export function paperDetailEmbed(paper: Paper): APIEmbed {
	const fields = [{ name: 'Listed in', value: fit(describeListings(paper), LIMITS.fieldValue) }];
	if (paper.authors?.length) fields.push({ name: 'Authors', value: fit(paper.authors.join(', '), LIMITS.fieldValue) });
	if (paper.arxivId) fields.push({ name: 'arXiv', value: fit(paper.arxivId, LIMITS.fieldValue) });
	return {
		color: PAPER_COLOR,
		title: fit(paper.title, LIMITS.embedTitle),
		url: paperUrl(paper),
		// The fields and title share the 6,000 characters of a message with the abstract.
		description: fit(paper.abstract, LIMITS.embedDescription - 1_000),
		fields,
		footer: { text: `paper ${paper.id}` },
	};
}

export function renderPaper(paper: Paper, { ephemeral = false } = {}): InteractionReplyOptions {
	return { embeds: [paperDetailEmbed(paper)], allowedMentions: NO_MENTIONS, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) };
}
