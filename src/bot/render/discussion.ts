import {
	ButtonStyle,
	ComponentType,
	type APIActionRowComponent,
	type APIButtonComponent,
	type RESTPostAPIChannelMessageJSONBody,
} from 'discord.js';
import type { PaperPost } from '../../delivery/post-sink.ts';
import type { Paper } from '../../papers/paper.ts';
import { paperDetailEmbed } from './paper-detail.ts';
import { paperUrl } from './paper-link.ts';
import { fit, LIMITS } from './text.ts';

/** The custom id prefix of the Discuss button; the paper's id follows it. */
export const DISCUSS_BUTTON = 'discuss';

/**
 * The Discuss button of a post of one paper (a thread on the message is about that paper; a
 * digest or a post of several has none). A forum post is a thread already and gets none either.
 */
export function discussRow(post: PaperPost): APIActionRowComponent<APIButtonComponent> | undefined {
	const [only, ...more] = post.items;
	if (!only || more.length > 0 || post.digest) return undefined;
	const button: APIButtonComponent = {
		type: ComponentType.Button,
		style: ButtonStyle.Secondary,
		custom_id: `${DISCUSS_BUTTON}:${only.paper.id}`,
		label: 'Discuss',
	};
	return { type: ComponentType.ActionRow, components: [button] };
}

/** The first message in a paper's discussion thread: its link and whole abstract, mentions off. */
export function renderDiscussionOpening(paper: Paper): RESTPostAPIChannelMessageJSONBody {
	return {
		content: fit(`<${paperUrl(paper)}>`, LIMITS.content, { markdown: false }),
		embeds: [paperDetailEmbed(paper)],
		allowed_mentions: { parse: [] },
	};
}
