import { DeliveryError, type PaperPost, type PostSink } from '../../src/delivery/post-sink.ts';

interface Recorded {
	readonly post: PaperPost;
	readonly nonce: string;
	readonly at: Date;
}

/**
 * A channel-keeping sink for core tests: it remembers posts like Discord does (refusing a
 * nonce twice) and can be made to fail the way Discord fails.
 */
export class RecordingSink implements PostSink {
	readonly posts: Recorded[] = [];
	/** Channels that answer as if the bot lacked permission, the channel were gone, or the message malformed. */
	readonly broken = new Map<string, 'forbidden' | 'gone' | 'rejected'>();
	/** Fails the next N posts after recording them: the worst moment, accepted but not acknowledged. */
	lostAcknowledgements = 0;

	inChannel(channelId: string): PaperPost[] {
		return this.posts.filter((recorded) => recorded.post.channelId === channelId).map((recorded) => recorded.post);
	}

	async post(post: PaperPost, nonce: string): Promise<void> {
		const broken = this.broken.get(post.channelId);
		if (broken) throw new DeliveryError(broken, `channel ${post.channelId} is ${broken}`);
		if (!this.posts.some((recorded) => recorded.nonce === nonce)) this.posts.push({ post, nonce, at: new Date() });
		if (this.lostAcknowledgements > 0) {
			this.lostAcknowledgements--;
			throw new Error('connection reset before the answer arrived');
		}
	}

	async isPosted(post: PaperPost, since: Date): Promise<boolean> {
		const ids = new Set(post.items.map((item) => item.paper.id));
		return this.posts.some(
			(recorded) =>
				recorded.post.channelId === post.channelId && recorded.at >= since && recorded.post.items.some((item) => ids.has(item.paper.id)),
		);
	}
}
