import type { Logger } from '../../logger.ts';
import type { PollOutcome } from '../../metrics/metrics.ts';
import { titleKey } from '../../papers/normalize.ts';
import type { PaperDraft } from '../../papers/paper.ts';
import type { PaperSource } from '../paper-source.ts';
import { fetchText, HttpStatusError, MAX_BODY_BYTES } from './fetch-text.ts';
import { SourceFormatError, type ParsedFeed } from './parsed-feed.ts';

const HOUR_MS = 60 * 60 * 1000;

export interface HttpPaperSourceOptions {
	/** Names the source in logs, e.g. "arXiv". */
	readonly name: string;
	readonly url: string;
	/** Throws a `SourceFormatError` for an answer that is not a feed. */
	readonly parse: (body: string) => ParsedFeed;
	readonly intervalMs: number;
	readonly logger: Logger;
	readonly fetch?: typeof globalThis.fetch;
	readonly timeoutMs?: number;
	/** The longest wait after failures, and after a `Retry-After`; never shorter than `intervalMs`. */
	readonly maxBackoffMs?: number;
	readonly maxBodyBytes?: number;
	/** Hears how each poll went: the feed read, or not (unreachable, an error status, a malformed answer). */
	readonly onPoll?: (outcome: PollOutcome) => void;
}

class TimeoutError extends Error {}

/**
 * Polls a feed of papers: at once, then `intervalMs` after each poll ends. A failed poll is
 * logged and the next one waits twice as long each time (or as long as `Retry-After` asks);
 * nothing a server answers, and nothing `onPapers` does, escapes into the process.
 */
export class HttpPaperSource implements PaperSource {
	readonly name: string;
	/** A feed moves on: its papers are stored, or a restart would lose them. */
	readonly persist = true;
	readonly #options: Required<Omit<HttpPaperSourceOptions, 'name' | 'logger'>>;
	readonly #log: Logger;
	/** Papers fetched but not yet taken by `onPapers`, by title identity: retried, never dropped. */
	readonly #pending = new Map<string, PaperDraft>();
	#onPapers?: (papers: PaperDraft[]) => Promise<void>;
	#failures = 0;
	#timer?: NodeJS.Timeout;
	#inFlight?: AbortController;
	#running: Promise<void> = Promise.resolve();
	#closed = false;

	constructor({ name, logger, ...options }: HttpPaperSourceOptions) {
		if (!(options.intervalMs > 0)) throw new RangeError(`${name}: the poll interval must be positive, got ${options.intervalMs}`);
		this.name = name;
		this.#log = logger.child({ source: name });
		this.#options = {
			url: options.url,
			parse: options.parse,
			intervalMs: options.intervalMs,
			fetch: options.fetch ?? globalThis.fetch,
			timeoutMs: options.timeoutMs ?? 30_000,
			maxBodyBytes: options.maxBodyBytes ?? MAX_BODY_BYTES,
			maxBackoffMs: Math.max(options.maxBackoffMs ?? HOUR_MS, options.intervalMs),
			onPoll: options.onPoll ?? (() => {}),
		};
	}

	/** Starts polling; `onPapers` gets every paper of each feed read, and again the ones it rejected. */
	start(onPapers: (papers: PaperDraft[]) => Promise<void>): void {
		if (this.#onPapers || this.#closed) throw new Error(`${this.name}: a paper source starts once`);
		this.#onPapers = onPapers;
		this.#running = this.#cycle();
	}

	/** Stops polling and abandons a request under way; resolves once nothing is left running. */
	async close(): Promise<void> {
		this.#closed = true;
		clearTimeout(this.#timer);
		this.#inFlight?.abort();
		await this.#running;
	}

	async #cycle(): Promise<void> {
		const delayMs = await this.#poll();
		if (this.#closed) return;
		this.#timer = setTimeout(() => {
			this.#running = this.#cycle();
		}, delayMs);
	}

	/** One poll; returns how long to wait before the next. */
	async #poll(): Promise<number> {
		let feed: ParsedFeed;
		try {
			feed = await this.#fetchFeed();
		} catch (error) {
			if (this.#closed) return 0;
			this.#options.onPoll('failed');
			const delayMs = this.#failed(error);
			// A server that is down does not stop the papers already fetched from being offered again.
			await this.#deliver();
			return delayMs;
		}
		this.#options.onPoll('ok');
		if (this.#failures > 0) this.#log.info({ event: 'source_recovered', failures: this.#failures }, `${this.name}: the feed answers again`);
		this.#failures = 0;
		if (feed.skipped.length > 0) {
			this.#log.warn(
				{ event: 'source_items_skipped', skipped: feed.skipped.length, examples: feed.skipped.slice(0, 3) },
				`${this.name}: left out malformed items of the feed`,
			);
		}
		this.#log.debug({ event: 'source_read', papers: feed.papers.length }, `${this.name}: feed read`);
		for (const paper of feed.papers) this.#pending.set(titleKey(paper.title), paper);
		await this.#deliver();
		return this.#options.intervalMs;
	}

	async #fetchFeed(): Promise<ParsedFeed> {
		const { url, fetch, timeoutMs, maxBodyBytes, parse } = this.#options;
		const controller = new AbortController();
		this.#inFlight = controller;
		const timer = setTimeout(() => controller.abort(new TimeoutError(`no complete answer within ${timeoutMs} ms`)), timeoutMs);
		try {
			return parse(await fetchText(url, { fetch, signal: controller.signal, maxBytes: maxBodyBytes }));
		} catch (error) {
			// What fetch rejects with after an abort varies; the reason says what happened.
			throw controller.signal.reason instanceof TimeoutError ? controller.signal.reason : error;
		} finally {
			clearTimeout(timer);
			this.#inFlight = undefined;
		}
	}

	#failed(error: unknown): number {
		this.#failures += 1;
		const { intervalMs, maxBackoffMs } = this.#options;
		const backoffMs = intervalMs * 2 ** this.#failures;
		const retryAfterMs = error instanceof HttpStatusError ? (error.retryAfterMs ?? 0) : 0;
		const delayMs = Math.min(Math.max(backoffMs, retryAfterMs), maxBackoffMs);
		const status = error instanceof HttpStatusError ? error.status : undefined;
		const reason = error instanceof SourceFormatError ? error.detail : describeFailure(error);
		const { host, pathname } = new URL(this.#options.url);
		// The query is left out: a feed's URL may carry a key there.
		const at = `${host}${pathname}`;
		this.#log.warn(
			{ event: 'source_failed', url: at, status, attempt: this.#failures, retryInMs: delayMs, error: describeFailure(error) },
			`${this.name}: could not read the feed at ${at}: ${reason}; trying again in ${describeWait(delayMs)}, nothing read before is lost`,
		);
		return delayMs;
	}

	async #deliver(): Promise<void> {
		if (this.#pending.size === 0 || this.#closed) return;
		const papers = [...this.#pending.values()];
		try {
			await this.#onPapers!(papers);
			// Polls never overlap, so nothing joined the pending papers meanwhile.
			this.#pending.clear();
		} catch (error) {
			this.#log.warn(
				{ event: 'source_papers_not_taken', papers: papers.length, error: describeFailure(error) },
				`${this.name}: the papers were not taken; offering them again next poll`,
			);
		}
	}
}

/** A wait in the unit an operator thinks of it in: "40 s", "4 min", "1 h". */
function describeWait(ms: number): string {
	if (ms < 60_000) return `${Math.max(1, Math.round(ms / 1000))} s`;
	return ms < HOUR_MS ? `${Math.round(ms / 60_000)} min` : `${Math.round((ms / HOUR_MS) * 10) / 10} h`;
}

/** fetch's own "fetch failed" says nothing; the reason (ECONNREFUSED, a DNS failure) is its cause. */
function describeFailure(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	const cause = error.cause instanceof Error ? ((error.cause as NodeJS.ErrnoException).code ?? error.cause.message) : undefined;
	return cause ? `${error.message}: ${cause}` : error.message;
}
