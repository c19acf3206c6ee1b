import type { FormProblem } from './errors.ts';
import type { RecordedRequest } from './types.ts';

/** Which requests a control applies to: RecordedRequest.path (decoded, without `/api/v10`); a string must match exactly. */
export interface RequestMatch {
	method?: string;
	path: RegExp | string;
}

export type FailureRule = RequestMatch & {
	/** How many matching requests fail (default 1). */
	times?: number;
} & ({ status: 429; retryAfter?: number; global?: boolean } | { status: 400 | 401 | 403 | 404 | 500 | 502 | 503; body?: unknown });

/** A per-route limit like Discord's: `limit` requests per `windowMs`, counted per major parameter (the channel). */
export interface RateLimitOptions {
	limit: number;
	windowMs: number;
}

/**
 * What the bot may do in a channel (all true unless said otherwise). Without `view` every channel
 * route answers 403 50001 Missing Access; without `send` posting answers 403 50013 Missing Permissions;
 * without `readHistory` listing messages answers an empty list, as Discord documents, and fetching one 50013;
 * without `createThreads` (Create Public Threads) starting a thread on a message answers 50013.
 */
export interface BotPermissions {
	view?: boolean;
	send?: boolean;
	readHistory?: boolean;
	createThreads?: boolean;
	/** Manage Channels: editing the channel (a forum's tags among it). */
	manage?: boolean;
}

/** What the fake answered to a held request, withheld until release(). */
export interface HeldReply {
	request: RecordedRequest;
	status: number;
	body: unknown;
}

export interface HeldResponse {
	/** Resolves once a matching request was fully processed (its effects stored) and its answer withheld. */
	readonly reached: Promise<HeldReply>;
	/** Sends the withheld answer (at once if it is not reached yet: the hold then withholds nothing). */
	release(): void;
}

/**
 * A request body Discord would refuse with 400 50035 Invalid Form Body, which the fake refused so:
 * against Discord's OpenAPI spec, or a limit its documentation states and the spec does not (validate.ts).
 * FakeDiscord.close() throws while any is left (takeSpecViolations() takes those a test sent on purpose).
 */
export interface SpecViolation {
	method: string;
	/** The request's path, as in RecordedRequest. */
	path: string;
	/** The spec's operation: method and path template. */
	operation: string;
	problems: (FormProblem & { source: 'openapi' | 'documented limit' })[];
	body: unknown;
}
