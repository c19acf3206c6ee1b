import { randomBytes } from 'node:crypto';
import type { APIActionRowComponent, APIComponentInMessageActionRow } from 'discord.js';

type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/**
 * A search whose result pages a member can turn, until it expires. It holds the query, not
 * the results: each page is searched again when turned, so thousands of open searches cost
 * next to no memory.
 */
export class SearchSession {
	readonly id = randomBytes(6).toString('base64url');
	readonly userId: string;
	readonly query: string;
	/** How many results the search pages through. */
	readonly limit: number;
	readonly expiresAt: number;
	/** The menus of the page on show (abstracts, Save), which the message keeps when the session ends. */
	#menus: ActionRow[] = [];
	/** The page turn under way, which the next one waits for. */
	#turning: Promise<unknown> = Promise.resolve();
	#setComponents: ((components: ActionRow[]) => Promise<unknown>) | undefined;

	constructor(userId: string, query: string, limit: number, expiresAt: number) {
		this.userId = userId;
		this.query = query;
		this.limit = limit;
		this.expiresAt = expiresAt;
	}

	/** Runs a page turn after the one under way, so the page left on show is the last one asked for. */
	turnPage<T>(turn: () => Promise<T>): Promise<T> {
		const turned = this.#turning.then(turn);
		this.#turning = turned.catch(() => undefined);
		return turned;
	}

	/** Notes the page now on show by its menus, the rows that need no session. */
	showing(menus: ActionRow[]): void {
		this.#menus = menus;
	}

	/** How to change the components of the message this session pages, once it has been sent. */
	sentAs(setComponents: (components: ActionRow[]) => Promise<unknown>): void {
		this.#setComponents = setComponents;
	}

	/** Takes the paging buttons off the message, leaving the results and the menus. */
	async retire(): Promise<void> {
		if (this.#menus.length > 0 && this.#setComponents) await this.#setComponents(this.#menus);
	}
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
		const session = new SearchSession(userId, query, limit, now + this.ttlMs);
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
		await Promise.all(expired.map((session) => session.retire().catch(this.onRetireError)));
	}

	/** Ends every session now (shutdown), taking their buttons off. */
	async close(): Promise<void> {
		clearInterval(this.#timer);
		await this.sweep(Infinity);
	}
}
