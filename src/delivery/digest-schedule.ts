import { WEEKDAYS, type DigestMode, type Weekday } from '../subscriptions/subscriptions.ts';

/** The latest moment at or before `now` when the clock showed `hour`:00 UTC. */
export function lastOccurrence(hour: number, now: Date): Date {
	const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour));
	if (at > now) at.setUTCDate(at.getUTCDate() - 1);
	return at;
}

/** The latest moment at or before `now` when it was `day`, `hour`:00 UTC. */
export function lastWeeklyOccurrence(day: Weekday, hour: number, now: Date): Date {
	const at = lastOccurrence(hour, now);
	// getUTCDay counts from Sunday (0); WEEKDAYS from Monday.
	const wanted = (WEEKDAYS.indexOf(day) + 1) % 7;
	at.setUTCDate(at.getUTCDate() - ((at.getUTCDay() - wanted + 7) % 7));
	return at;
}

/**
 * The digest that is due now, if one is: its hour (and day, for weekly) has come since the last
 * digest, and since the mode was chosen (choosing daily at 14:30 with hour 14 means the first one
 * is tomorrow). After downtime only the latest is due, never one for each missed.
 */
export function dueDigest(digest: DigestMode, lastDigestAt: string | undefined, now: Date): Date | undefined {
	if (digest.mode === 'instant') return undefined;
	const occurrence = digest.mode === 'daily' ? lastOccurrence(digest.hour, now) : lastWeeklyOccurrence(digest.day, digest.hour, now);
	const previous = Math.max(Date.parse(digest.since), lastDigestAt ? Date.parse(lastDigestAt) : 0);
	return occurrence.getTime() > previous ? occurrence : undefined;
}
