/** The longest wait between attempts on a failing channel. */
const MAX_DELAY_MS = 10 * 60_000;

/**
 * Tries a failing channel again later, waiting twice as long after each failure in a row, so a
 * Discord outage is not hammered and one bad channel costs the others nothing.
 */
export class Retries {
	readonly #failures = new Map<string, number>();
	readonly #timers = new Map<string, NodeJS.Timeout>();

	private readonly firstDelayMs: number;
	constructor(firstDelayMs: number) {
		this.firstDelayMs = firstDelayMs;
	}

	/** Whether a retry is already scheduled (a sweep leaves such channels to it). */
	isWaiting(channelId: string): boolean {
		return this.#timers.has(channelId);
	}

	/** Counts a failure and runs `retry` after the channel's next wait; returns the wait. */
	schedule(channelId: string, retry: () => void): { failures: number; delayMs: number } {
		const failures = (this.#failures.get(channelId) ?? 0) + 1;
		this.#failures.set(channelId, failures);
		const delayMs = Math.min(this.firstDelayMs * 2 ** (failures - 1), MAX_DELAY_MS);
		this.cancel(channelId);
		const timer = setTimeout(() => {
			this.#timers.delete(channelId);
			retry();
		}, delayMs);
		timer.unref();
		this.#timers.set(channelId, timer);
		return { failures, delayMs };
	}

	/** The channel worked: its next failure starts from the first wait again. */
	succeeded(channelId: string): void {
		this.#failures.delete(channelId);
	}

	cancel(channelId: string): void {
		clearTimeout(this.#timers.get(channelId));
		this.#timers.delete(channelId);
	}

	cancelAll(): void {
		for (const channelId of [...this.#timers.keys()]) this.cancel(channelId);
	}
}
