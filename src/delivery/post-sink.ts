import type { Paper } from '../papers/paper.ts';
import type { DigestPart } from './digest-contents.ts';

/** One message for a channel: papers with the topics that caught them, maybe part of a digest. */
export interface PaperPost {
	readonly channelId: string;
	readonly items: readonly { readonly paper: Paper; readonly topics: readonly string[] }[];
	readonly digest?: DigestPart;
}

/** Where posts go: Discord in the bot, a recorder in tests. */
export interface PostSink {
	/** Sends the post; the same nonce twice must not make two messages. */
	post(post: PaperPost, nonce: string): Promise<void>;
	/** Whether the post already stands in the channel since `since` (sent just before a crash). */
	isPosted(post: PaperPost, since: Date): Promise<boolean>;
}

/**
 * Why a post could not be delivered. `forbidden` and `gone` pause the channel until someone
 * fixes it; `transient` is tried again later; `rejected` (Discord refused the message itself)
 * can never succeed, so that one message is dropped and the channel's others go on.
 */
export class DeliveryError extends Error {
	override readonly name = 'DeliveryError';

	readonly kind: 'forbidden' | 'gone' | 'transient' | 'rejected';
	constructor(kind: 'forbidden' | 'gone' | 'transient' | 'rejected', message: string, options?: ErrorOptions) {
		super(message, options);
		this.kind = kind;
	}
}
