import type { APIEmbed, InteractionReplyOptions } from 'discord.js';
import type { LibraryStats } from '../../search/search-service.ts';
import { COMMAND } from './command-names.ts';
import { NO_MENTIONS, PAPER_COLOR } from './style.ts';

export interface AboutStats extends LibraryStats {
	readonly loadedAt: Date;
}

/** What the bot holds and how to use it. */
export function renderAbout(stats: AboutStats): InteractionReplyOptions {
	const embed: APIEmbed = {
		color: PAPER_COLOR,
		title: 'Paperboy',
		description: [
			`I hold **${stats.papers.toLocaleString('en-US')} papers** from ${stats.listings} listings, loaded <t:${Math.floor(stats.loadedAt.getTime() / 1000)}:R>.`,
			'',
			`\`${COMMAND.search} query:\` finds papers: typos are forgiven, suggestions appear as you type.`,
			'• `"quoted phrase"` must appear · `-word` or `-"phrase"` leaves papers out',
			`\`${COMMAND.show} paper:\` shows one paper with its full abstract.`,
			`\`${COMMAND.saved}\` shows your reading list (save papers from the menu under results and posts); \`${COMMAND.cite} paper:\` gives a BibTeX entry.`,
			`\`${COMMAND.subscriptions}\` lists the topics this channel follows; members with Manage Channels choose them with \`${COMMAND.subscribe}\`.`,
		].join('\n'),
	};
	return { embeds: [embed], allowedMentions: NO_MENTIONS };
}
