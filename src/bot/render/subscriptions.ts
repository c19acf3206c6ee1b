import type { InteractionReplyOptions } from 'discord.js';
import type { ChannelOverview, Subscribed } from '../../delivery/channel-feeds.ts';
import type { TargetChannel } from '../target-channel.ts';
import { COMMAND } from './command-names.ts';
import { describeDigestMode } from './digest-mode.ts';
import { paperUrl } from './paper-link.ts';
import { NO_MENTIONS, PAPER_COLOR } from './style.ts';
import { fit, inlineCode, LIMITS } from './text.ts';

function when(iso: string): string {
	return `<t:${Math.floor(Date.parse(iso) / 1000)}:R>`;
}

/** The answer to /channel subscribe: what the topic is, what it catches today, what was posted now. */
export function renderSubscribed(
	{ topic, catches, backfilled, digest, paused }: Subscribed,
	{ subject, where }: Pick<TargetChannel, 'subject' | 'where'>,
): InteractionReplyOptions {
	const shown = catches.slice(0, 5);
	const lines = shown.map((paper, i) => `${i + 1}. [${fit(paper.title, 150)}](${paperUrl(paper)})`);
	const preview =
		shown.length > 0
			? `Among the papers here now, it catches for example:\n${lines.join('\n')}`
			: 'No paper here now matches it; new ones that do will be posted.';
	const when = digest.mode === 'instant' ? 'now' : `with the next ${digest.mode} digest`;
	const posted = backfilled > 0 ? `\nPosting ${backfilled} of them ${when}.` : '';
	const pause = paused ? `\nPosting ${where} is paused after a permission problem: fix it, then run ${inlineCode(COMMAND.resume)}.` : '';
	return {
		content: fit(
			`${subject} now follows ${inlineCode(topic.text)}. New papers that match will be posted ${where} once each.`,
			LIMITS.content,
			{
				markdown: false,
			},
		),
		embeds: [{ color: PAPER_COLOR, description: fit(`${preview}${posted}${pause}`, 3000, { markdown: false }) }],
		allowedMentions: NO_MENTIONS,
	};
}

/** /paper subscriptions: each topic with what it delivered, the digest mode, and any pause. */
export function renderOverview(
	{ subscriptions, delivery }: ChannelOverview,
	{ subject, where }: Pick<TargetChannel, 'subject' | 'where'>,
): InteractionReplyOptions {
	const topics = subscriptions?.topics ?? [];
	if (topics.length === 0) {
		return {
			content: `${subject} follows no topics. Someone with Manage Channels can add one with ${inlineCode(COMMAND.subscribe)}.`,
			allowedMentions: NO_MENTIONS,
		};
	}
	const lines = topics.map((topic) => {
		const stats = delivery?.topicStats[topic.text];
		const delivered = stats
			? `${stats.delivered} ${stats.delivered === 1 ? 'paper' : 'papers'}, last ${when(stats.lastAt)}`
			: 'nothing yet';
		return `• ${inlineCode(topic.text)}: ${delivered}`;
	});
	const mode = describeDigestMode(subscriptions?.digest ?? { mode: 'instant' });
	const waiting = (delivery?.queued.length ?? 0) + (delivery?.batches.flatMap((batch) => batch.posts).length ?? 0);
	const notes = [
		`Posting: ${mode}.`,
		...(waiting > 0 ? [`${waiting} ${waiting === 1 ? 'paper is' : 'papers are'} waiting to be posted.`] : []),
		...(delivery?.paused
			? [
					`**Paused** since ${when(delivery.paused.since)}: ${delivery.paused.reason === 'forbidden' ? `I lack permission to post ${where}` : 'the channel could not be found'}. Fix it, then run ${inlineCode(COMMAND.resume)}.`,
				]
			: []),
	];
	return {
		content: fit(`${subject} follows ${topics.length} ${topics.length === 1 ? 'topic' : 'topics'}:`, LIMITS.content, { markdown: false }),
		embeds: [{ color: PAPER_COLOR, description: fit([...lines, '', ...notes].join('\n'), LIMITS.embedDescription, { markdown: false }) }],
		allowedMentions: NO_MENTIONS,
	};
}
