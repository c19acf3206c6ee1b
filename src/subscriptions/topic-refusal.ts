/**
 * Why a channel cannot follow (or stop following) a topic, as data: the bot words it for the
 * member (src/bot/render/topic-refusal.ts), other callers can act on the code.
 */
export type TopicRefusal =
	| { readonly code: 'topic_too_long'; readonly limit: number; readonly length: number }
	| { readonly code: 'topic_without_words' }
	| { readonly code: 'topic_already_followed'; readonly followed: string; readonly asked: string }
	| { readonly code: 'topic_limit'; readonly limit: number }
	| { readonly code: 'topic_not_followed' };

/** A refused topic: the member's request, not the bot, is at fault. */
export class TopicRefusedError extends Error {
	override readonly name = 'TopicRefusedError';
	readonly refusal: TopicRefusal;
	constructor(refusal: TopicRefusal) {
		super(`topic refused: ${JSON.stringify(refusal)}`);
		this.refusal = refusal;
	}
}
