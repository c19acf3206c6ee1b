import { randomBytes } from 'node:crypto';
import type { APIActionRowComponent, APIComponentInMessageActionRow } from 'discord.js';

/**
 * A search whose result pages a member can turn, until it expires. It holds the query, not
 * the results: each page is searched again when turned, so thousands of open searches cost
 * next to no memory.
 */
export interface SearchSession {
	readonly id: string;
	readonly userId: string;
	readonly query: string;
	/** How many results the search pages through. */
	readonly limit: number;
	readonly expiresAt: number;
	/** The abstract menu of the page on show, which the message keeps when the session ends. */
	menu?: APIActionRowComponent<APIComponentInMessageActionRow>;
	/** The page turn under way, which the next one waits for. */
	turning: Promise<unknown>;
	/** Takes the paging buttons off the message, leaving the results readable. */
	retire?: () => Promise<void>;
}

/** Sessions live in memory: paging is a convenience, and a restart simply ends it. */
export class SearchSessions {
	readonly #sessions = new Map<string, SearchSession>();
	readonly #timer: NodeJS.Timeout;

	readonly ttlMs: number;
	private readonly onRetireError: (error: unknown) => void;
	constructor(ttlMs: number, onRetireError: (error: unknown) => void, sweepEveryMs = Math.min(ttlMs, 30_000)) {
		this.ttlMs = ttlMs;
		this.onRetireError = onRetireError;
		this.#timer = setInterval(() => void this.sweep(Date.now()), sweepEveryMs).unref();
	}

	create(userId: string, query: string, limit: number, now = Date.now()): SearchSession {
		const session: SearchSession = {
			id: randomBytes(6).toString('base64url'),
			userId,
			query,
			limit,
			expiresAt: now + this.ttlMs,
			turning: Promise.resolve(),
		};
		this.#sessions.set(session.id, session);
		return session;
	}

	get(id: string, now = Date.now()): SearchSession | undefined {
		const session = this.#sessions.get(id);
		return session && session.expiresAt > now ? session : undefined;
	}

	/** Forgets a session whose search found nothing to page through. */
	end(id: string): void {
		this.#sessions.delete(id);
	}

	/** Ends expired sessions, taking their buttons off. */
	async sweep(now: number): Promise<void> {
		const expired = [...this.#sessions.values()].filter((session) => session.expiresAt <= now);
		for (const session of expired) this.#sessions.delete(session.id);
		await Promise.all(expired.map((session) => session.retire?.().catch(this.onRetireError) ?? Promise.resolve()));
	}

	/** Ends every session now (shutdown), taking their buttons off. */
	async close(): Promise<void> {
		clearInterval(this.#timer);
		await this.sweep(Infinity);
	}
}
