import type { FakeState } from './state.ts';
import { requestMatches } from './state.ts';
import type { HeldReply, HeldResponse, RecordedRequest, RequestMatch } from './types.ts';

/**
 * A response the fake withholds: the request is processed fully (a posted message is stored), then
 * the answer waits for release(), or is dropped with its socket when the server closes. That is the
 * window in which a bot dies after Discord accepted a post but before it learned it did.
 */
export class Hold implements HeldResponse {
	readonly reached: Promise<HeldReply>;
	/** Resolves with whether to answer (release) or to drop the connection (server closed). */
	readonly settled: Promise<boolean>;
	private reach!: (reply: HeldReply) => void;
	private fail!: (error: Error) => void;
	private settle!: (answer: boolean) => void;
	private taken = false;

	readonly match: RequestMatch;
	constructor(match: RequestMatch) {
		this.match = match;
		this.reached = new Promise<HeldReply>((resolve, reject) => {
			this.reach = resolve;
			this.fail = reject;
		});
		// Nobody may await `reached` of a hold that is never reached: that must not be an unhandled rejection.
		this.reached.catch(() => {});
		this.settled = new Promise<boolean>((resolve) => (this.settle = resolve));
	}

	release(): void {
		this.settle(true);
	}

	/** Called by the listener once the request was processed; the answer then waits for `settled`. */
	take(reply: HeldReply): void {
		this.taken = true;
		this.reach(reply);
	}

	/** On close: a held answer is never sent, and a hold never reached rejects `reached`. */
	drop(): void {
		if (!this.taken)
			this.fail(new Error(`FakeDiscord: closed before a request ${this.match.method ?? ''} ${String(this.match.path)} was held`));
		this.settle(false);
	}
}

/** The first pending hold matching the request, taken off the list (each hold holds one request). */
export function takeHold(state: FakeState, req: RecordedRequest): Hold | undefined {
	const index = state.holds.findIndex((h) => requestMatches(h.match, req));
	if (index < 0) return undefined;
	const [hold] = state.holds.splice(index, 1);
	if (hold) state.heldNow.add(hold);
	return hold;
}
