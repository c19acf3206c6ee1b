import { createHash } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Reply } from './errors.ts';
import type { FakeState } from './state.ts';
import type { FailureRule, RateLimitOptions } from './types.ts';

/** Route key of the limits in FakeState.routeLimits: method and route pattern. */
export const MESSAGE_CREATE = 'POST /channels/{channel_id}/messages';

/** One hash per route, as Discord does: the limit itself is counted per major parameter. */
export function bucketOf(method: string, pattern: string): string {
	return createHash('sha1').update(`${method} ${pattern}`).digest('hex').slice(0, 32);
}

/** Discord's 429: the retry in the body (seconds) and in `retry-after`, over the bucket's headers. */
function tooManyRequests(retryAfter: number, global: boolean, headers: Record<string, string>): Reply {
	const all: Record<string, string> = { ...headers, 'retry-after': String(retryAfter), 'x-ratelimit-scope': global ? 'global' : 'user' };
	if (global) all['x-ratelimit-global'] = 'true';
	return { status: 429, headers: all, body: { message: 'You are being rate limited.', retry_after: retryAfter, global, code: 0 } };
}

/** The answer to an injected failure (failNext). */
export function failureReply(rule: FailureRule, bucket: string): Reply {
	if (rule.status !== 429)
		return { status: rule.status, body: rule.body ?? { message: `${rule.status}: ${STATUS_CODES[rule.status]}`, code: 0 } };
	const retryAfter = rule.retryAfter ?? 0.2;
	return tooManyRequests(retryAfter, Boolean(rule.global), {
		'x-ratelimit-limit': '5',
		'x-ratelimit-remaining': '0',
		'x-ratelimit-reset': String((Date.now() / 1000 + retryAfter).toFixed(3)),
		'x-ratelimit-reset-after': String(retryAfter),
		'x-ratelimit-bucket': bucket,
	});
}

/** Ordinary rate-limit headers: a bucket per route, never exhausted, so @discordjs/rest runs its usual bookkeeping. */
export function rateLimitHeaders(bucket: string): Record<string, string> {
	return {
		'x-ratelimit-limit': '50',
		'x-ratelimit-remaining': '49',
		'x-ratelimit-reset': String((Date.now() / 1000 + 1).toFixed(3)),
		'x-ratelimit-reset-after': '1.000',
		'x-ratelimit-bucket': bucket,
	};
}

/**
 * Counts a request against a limited route's window for `major` (opened by the first request, fixed
 * until it resets): returns the honest headers, and the 429 when the window was already used up
 * (a refused request does not count, as with Discord).
 */
export function takeFromWindow(
	state: FakeState,
	limit: RateLimitOptions,
	bucket: string,
	major: string,
): { headers: Record<string, string>; refused: Reply | null } {
	const now = Date.now();
	const key = `${bucket}:${major}`;
	let window = state.rateWindows.get(key);
	if (!window || now >= window.resetAt) state.rateWindows.set(key, (window = { resetAt: now + limit.windowMs, used: 0 }));
	const over = window.used >= limit.limit;
	if (!over) window.used += 1;
	const resetAfter = (window.resetAt - now) / 1000;
	const headers = {
		'x-ratelimit-limit': String(limit.limit),
		'x-ratelimit-remaining': String(limit.limit - window.used),
		'x-ratelimit-reset': (window.resetAt / 1000).toFixed(3),
		'x-ratelimit-reset-after': resetAfter.toFixed(3),
		'x-ratelimit-bucket': bucket,
	};
	if (!over) return { headers, refused: null };
	state.rateLimited += 1;
	return { headers, refused: tooManyRequests(resetAfter, false, headers) };
}

/** The major parameter of a route's params, which Discord counts limits per. */
export function majorParameter(params: Record<string, string>): string {
	return params.channel_id ?? params.guild_id ?? params.webhook_token ?? params.interaction_token ?? 'global';
}
