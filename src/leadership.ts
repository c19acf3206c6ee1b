import type { Logger } from './logger.ts';
import type { Lease } from './storage/lease.ts';
import { StoreFailure, type StoreName } from './storage/store-failure.ts';
import { within } from './within.ts';

/** What the leader runs; stopped when the lease is lost or the process stops. */
export interface Duties {
	stop(): Promise<void>;
}

export interface LeadershipOptions {
	readonly lease: Lease;
	/** The store the lease lives in, named when it cannot be reached. */
	readonly store: StoreName;
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
 * trying, and when the leader dies one of them takes over as soon as the lease lapses. Renewal
 * goes on while the duties start, however long that takes, so a slow start never lets the
 * lease lapse under a live leader.
 */
export class Leadership {
	#leading = false;
	#starting: Promise<void> | undefined;
	#duties: Duties | undefined;
	#timer: NodeJS.Timeout | undefined;
	#turn: Promise<void> = Promise.resolve();

	private readonly options: LeadershipOptions;
	constructor(options: LeadershipOptions) {
		this.options = options;
	}

	/** True from winning the lease until losing it: papers arriving while duties start are the leader's. */
	get isLeader(): boolean {
		return this.#leading;
	}

	/** Tries at once (a lone process leads from its start, its duties started), then keeps renewing or trying. */
	async start(): Promise<void> {
		await this.#next();
		await this.#starting;
		this.#timer = setInterval(() => void this.#next(), this.options.renewMs ?? 3_000);
		this.#timer.unref();
	}

	async stop(): Promise<void> {
		clearInterval(this.#timer);
		await this.#turn;
		await this.#resign();
		await this.options.lease.release(this.options.owner).catch(() => {});
	}

	#next(): Promise<void> {
		this.#turn = this.#turn.then(() => this.#attempt());
		return this.#turn;
	}

	async #attempt(): Promise<void> {
		const { lease, owner, logger } = this.options;
		const ttlMs = this.options.ttlMs ?? 10_000;
		let held: boolean;
		try {
			// An answer later than half the lease is no answer: by then another may hold it.
			held = await within(lease.acquire(owner, ttlMs), ttlMs / 2);
		} catch (error) {
			// Unsure whether we still hold it: stop acting as leader rather than risk two.
			const failure = StoreFailure.of(this.options.store, 'write', error);
			logger.warn(
				{ event: 'lease_unreachable', store: failure.store.location, code: failure.code, err: error },
				`${this.#leading ? 'cannot renew the leader lease, so this process stops posting until the store answers' : 'cannot take the leader lease'}: ${failure.message}`,
			);
			held = false;
		}
		if (held && !this.#leading) {
			this.#leading = true;
			logger.info({ event: 'leadership_gained', owner }, 'this process leads: it takes in new papers and posts them');
			this.#starting = this.#startDuties();
		} else if (!held && this.#leading) {
			logger.warn({ event: 'leadership_lost', owner }, 'this process no longer leads');
			await this.#resign();
		}
	}

	async #startDuties(): Promise<void> {
		try {
			this.#duties = await this.options.lead();
		} catch (error) {
			this.options.logger.error({ event: 'leadership_start_failed', err: error }, 'could not start leading; letting the lease go');
			this.#leading = false;
			await this.options.lease.release(this.options.owner).catch(() => {});
		}
	}

	async #resign(): Promise<void> {
		this.#leading = false;
		await this.#starting;
		const duties = this.#duties;
		this.#duties = undefined;
		await duties
			?.stop()
			.catch((error: unknown) =>
				this.options.logger.error({ event: 'leadership_stop_failed', err: error }, 'error while handing over leadership'),
			);
	}
}
