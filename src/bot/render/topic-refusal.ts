import type { TopicRefusal } from '../../subscriptions/topic-refusal.ts';
import { COMMAND } from './command-names.ts';
import { inlineCode } from './text.ts';

/** Why a topic was refused, in the member's terms, with what to do instead. */
export function describeTopicRefusal(refusal: TopicRefusal): string {
	switch (refusal.code) {
		case 'topic_too_long':
			return `A topic can be at most ${refusal.limit} characters; this one has ${refusal.length}.`;
		case 'topic_without_words':
			return 'A topic needs at least one word to look for, such as `continual learning` or `"preference optimization" -survey`.';
		case 'topic_already_followed': {
			const same = refusal.followed === refusal.asked ? '' : ` (the same topic as ${inlineCode(refusal.asked)})`;
			return `The channel already follows ${inlineCode(refusal.followed)}${same}.`;
		}
		case 'topic_limit':
			return `The channel follows ${refusal.limit} topics, the most it can; unsubscribe from one first.`;
		case 'topic_not_followed':
			return `The channel does not follow that topic. ${inlineCode(COMMAND.subscriptions)} lists what it follows.`;
	}
}
