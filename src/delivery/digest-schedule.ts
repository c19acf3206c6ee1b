import type { DigestMode } from '../subscriptions/subscriptions.ts';

/** The latest moment at or before `now` when the clock showed `hour`:00 UTC. */
export function lastOccurrence(hour: number, now: Date): Date {
	const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour));
	if (at > now) at.setUTCDate(at.getUTCDate() - 1);
	return at;
}

/**
 * The digest that is due now, if one is: the day's hour has come since the last digest, and
 * since daily mode was chosen (choosing it at 14:30 with hour 14 means the first one is tomorrow).
 */
export function dueDigest(digest: DigestMode, lastDigestAt: string | undefined, now: Date): Date | undefined {
	if (digest.mode !== 'daily') return undefined;
	const occurrence = lastOccurrence(digest.hour, now);
	const previous = Math.max(Date.parse(digest.since), lastDigestAt ? Date.parse(lastDigestAt) : 0);
	return occurrence.getTime() > previous ? occurrence : undefined;
}
