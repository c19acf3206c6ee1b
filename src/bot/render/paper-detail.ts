import { EmbedBuilder, MessageFlags, type InteractionReplyOptions } from 'discord.js';
import type { Paper } from '../../papers/paper.js';
import { describeListings, paperUrl } from './paper-link.js';
import { NO_MENTIONS, PAPER_COLOR } from './style.js';
import { fit, LIMITS } from './text.js';

/** One paper in full: title linked, the whole abstract, where it was listed, authors when known. */
export function renderPaper(paper: Paper, { ephemeral = false } = {}): InteractionReplyOptions {
	const embed = new EmbedBuilder()
		.setColor(PAPER_COLOR)
		.setTitle(fit(paper.title, LIMITS.embedTitle))
		.setURL(paperUrl(paper))
		.setDescription(fit(paper.abstract, LIMITS.embedDescription - 1_000))
		.addFields({ name: 'Listed in', value: fit(describeListings(paper), LIMITS.fieldValue) });
	if (paper.authors?.length) embed.addFields({ name: 'Authors', value: fit(paper.authors.join(', '), LIMITS.fieldValue) });
	if (paper.arxivId) embed.addFields({ name: 'arXiv', value: fit(paper.arxivId, LIMITS.fieldValue), inline: true });
	embed.setFooter({ text: `paper ${paper.id}` });
	return { embeds: [embed.toJSON()], allowedMentions: NO_MENTIONS, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) };
}
