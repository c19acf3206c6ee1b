import type { Logger } from './logger.js';
import type { Lease } from './storage/lease.js';

/** What the leader runs; stopped when the lease is lost or the process stops. */
export interface Duties {
	stop(): Promise<void>;
}

export interface LeadershipOptions {
	readonly lease: Lease;
	/** Who this process is, unique among the processes sharing the store. */
	readonly owner: string;
	readonly logger: Logger;
	/** Starts the leader's duties; called each time this process becomes the leader. */
	readonly lead: () => Promise<Duties>;
	/** A leader that stops renewing (killed, frozen) is replaced this long after its last renewal. */
	readonly ttlMs?: number;
	readonly renewMs?: number;
}

/**
 * Keeps one process in charge of the work that must happen once (taking in new papers, posting
 * them), elected through a lease in the shared store: the leader renews it, the others keep
 * trying, and when the leader dies one of them takes over as soon as the lease lapses.
 */
export class Leadership {
	#duties: Duties | undefined;
	#timer: NodeJS.Timeout | undefined;
	#turn: Promise<void> = Promise.resolve();

	constructor(private readonly options: LeadershipOptions) {}

	get isLeader(): boolean {
		return this.#duties !== undefined;
	}

	/** Tries at once (so a lone process leads from its start), then keeps renewing or trying. */
	async start(): Promise<void> {
		await this.#next();
		this.#timer = setInterval(() => void this.#next(), this.options.renewMs ?? 3_000);
		this.#timer.unref();
	}

	async stop(): Promise<void> {
		clearInterval(this.#timer);
		await this.#turn;
		await this.#resign();
		await this.options.lease.release(this.options.owner).catch(() => {});
	}

	/** One attempt at a time: leading can take a while to start. */
	#next(): Promise<void> {
		this.#turn = this.#turn.then(() => this.#attempt());
		return this.#turn;
	}

	async #attempt(): Promise<void> {
		const { lease, owner, logger } = this.options;
		let held: boolean;
		try {
			held = await lease.acquire(owner, this.options.ttlMs ?? 10_000);
		} catch (error) {
			// Unsure whether we still hold it: stop acting as leader rather than risk two.
			logger.warn({ err: error }, 'cannot reach the store to renew the leader lease');
			held = false;
		}
		if (held && !this.#duties) {
			logger.info({ owner }, 'this process leads: it takes in new papers and posts them');
			try {
				this.#duties = await this.options.lead();
			} catch (error) {
				logger.error({ err: error }, 'could not start leading; letting the lease go');
				await lease.release(owner).catch(() => {});
			}
		} else if (!held && this.#duties) {
			logger.warn({ owner }, 'this process no longer leads');
			await this.#resign();
		}
	}

	async #resign(): Promise<void> {
		const duties = this.#duties;
		this.#duties = undefined;
		await duties?.stop().catch((error: unknown) => this.options.logger.error({ err: error }, 'error while handing over leadership'));
	}
}
