export type ReadinessReport = { readonly ready: true } | { readonly ready: false; readonly reason: string };

/** What a running bot depends on, checked at each /readyz. */
export interface LiveChecks {
	/** Writes to the store and resolves once it confirms. */
	probeStore(): Promise<void>;
	/** Where the store is, safe to show: no password. */
	readonly storeLocation: string;
	/** Why this process cannot hear from Discord now (a shard reconnecting), or undefined when it can. */
	discordProblem(): string | undefined;
}

export interface ReadinessOptions {
	/** How long the store may take to answer before it counts as not answering. */
	readonly probeTimeoutMs?: number;
	/** A probe's answer stands this long, so frequent scrapes do not each write to the store. */
	readonly cacheMs?: number;
}

/**
 * Whether the bot can do its work, for /readyz: not while it starts (each step says what it is
 * waiting for) or stops; once started, while Discord is connected and the store answers in time.
 */
export class Readiness {
	#step = 'starting';
	#live: LiveChecks | undefined;
	/** The latest probe's answer, and when it came (undefined while it is awaited). */
	#answer: { at: number | undefined; result: Promise<string | undefined> } | undefined;
	/** A probe the store has not answered yet, even after its time ran out. */
	#unanswered: { since: number } | undefined;
	readonly #timeoutMs: number;
	readonly #cacheMs: number;

	constructor(options: ReadinessOptions = {}) {
		this.#timeoutMs = options.probeTimeoutMs ?? 2_000;
		this.#cacheMs = options.cacheMs ?? 1_000;
	}

	/** Start-up (or shut-down) is at this step: not ready, and /readyz says why. */
	waitFor(step: string): void {
		this.#step = step;
		this.#live = undefined;
	}

	/** Started: from now on the live checks decide. */
	started(live: LiveChecks): void {
		this.#live = live;
		this.#answer = undefined;
	}

	async check(): Promise<ReadinessReport> {
		const live = this.#live;
		if (!live) return { ready: false, reason: this.#step };
		const discord = live.discordProblem();
		if (discord) return { ready: false, reason: discord };
		const store = await this.#storeProblem(live);
		return store ? { ready: false, reason: store } : { ready: true };
	}

	/**
	 * One probe at a time, its answer kept for `cacheMs`. A store that hangs (a stopped server)
	 * is not sent another write while the first still waits: the answer says how long it has.
	 */
	#storeProblem(live: LiveChecks): Promise<string | undefined> {
		const cached = this.#answer;
		if (cached && (cached.at === undefined || performance.now() - cached.at < this.#cacheMs)) return cached.result;
		const store = `the store at ${live.storeLocation}`;
		if (this.#unanswered) {
			const seconds = ((performance.now() - this.#unanswered.since) / 1000).toFixed(1);
			return Promise.resolve(`${store} does not answer: a write has waited ${seconds} s for it`);
		}
		const write = { since: performance.now() };
		this.#unanswered = write;
		const probe = live.probeStore().finally(() => {
			if (this.#unanswered === write) this.#unanswered = undefined;
		});
		let timer: NodeJS.Timeout | undefined;
		const late = new Promise<string>((resolve) => {
			timer = setTimeout(() => resolve(`${store} does not answer within ${this.#timeoutMs / 1000} s`), this.#timeoutMs);
		});
		const answered = probe.then(
			() => undefined,
			(error: unknown) => `${store} cannot be written to: ${(error as Error).message}`,
		);
		const answer: { at: number | undefined; result: Promise<string | undefined> } = {
			at: undefined,
			result: Promise.race([answered, late]).finally(() => clearTimeout(timer)),
		};
		void answer.result.then(() => (answer.at = performance.now()));
		this.#answer = answer;
		return answer.result;
	}
}
