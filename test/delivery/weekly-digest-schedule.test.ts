import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dueDigest, lastWeeklyOccurrence } from '../../src/delivery/digest-schedule.ts';
import { WEEKDAYS, type DigestMode, type Weekday } from '../../src/subscriptions/subscriptions.ts';

const HOUR = 60 * 60_000;
const WEEK = 7 * 24 * HOUR;
const DAY_NAMES: readonly Weekday[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** The model: walk back from `now`, an hour at a time from the hour it is in, to the first that is `day` at `hour`:00 UTC. */
function modelLastWeekly(day: Weekday, hour: number, now: Date): Date {
	let at = Math.floor(now.getTime() / HOUR) * HOUR;
	while (new Date(at).getUTCHours() !== hour || DAY_NAMES[new Date(at).getUTCDay()] !== day) at -= HOUR;
	return new Date(at);
}

const utc = (text: string) => new Date(`${text}Z`);
const weekly = (day: Weekday, hour: number, since: Date): DigestMode => ({ mode: 'weekly', day, hour, since: since.toISOString() });

const moment = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true });
const hour = fc.integer({ min: 0, max: 23 });
const day = fc.constantFrom(...WEEKDAYS);

describe('lastWeeklyOccurrence', () => {
	it('is the latest day-and-hour at or before now, as an hour-by-hour walk back finds it', () => {
		fc.assert(
			fc.property(day, hour, moment, (d, h, now) => {
				const found = lastWeeklyOccurrence(d, h, now);
				expect(found).toEqual(modelLastWeekly(d, h, now));
				expect(now.getTime() - found.getTime()).toBeLessThan(WEEK);
				expect(now.getTime() - found.getTime()).toBeGreaterThanOrEqual(0);
			}),
			{ numRuns: 500 },
		);
	});

	it('counts the exact hour as come, and a millisecond before it as last week, across month and year ends', () => {
		// 2026-12-07 is a Monday.
		expect(lastWeeklyOccurrence('monday', 9, utc('2026-12-07T09:00:00.000'))).toEqual(utc('2026-12-07T09:00:00'));
		expect(lastWeeklyOccurrence('monday', 9, utc('2026-12-07T08:59:59.999'))).toEqual(utc('2026-11-30T09:00:00'));
		expect(lastWeeklyOccurrence('sunday', 23, utc('2026-12-05T23:30:00'))).toEqual(utc('2026-11-29T23:00:00'));
		// 2027-01-01 is a Friday; the Thursday before is the last day of 2026.
		expect(lastWeeklyOccurrence('thursday', 0, utc('2027-01-01T00:00:00'))).toEqual(utc('2026-12-31T00:00:00'));
		expect(lastWeeklyOccurrence('saturday', 12, utc('2027-01-01T00:00:00'))).toEqual(utc('2026-12-26T12:00:00'));
		// Across a leap day: Thursday 2024-02-29.
		expect(lastWeeklyOccurrence('thursday', 6, utc('2024-03-06T00:00:00'))).toEqual(utc('2024-02-29T06:00:00'));
	});
});

describe('dueDigest, weekly', () => {
	it('is the latest weekly occurrence when it came after both the choice of weekly mode and the last digest', () => {
		const around = (now: Date) =>
			fc.oneof(
				fc.integer({ min: -3 * WEEK, max: WEEK }).map((offset) => new Date(now.getTime() + offset)),
				fc.integer({ min: -24 * 21, max: 24 }).map((hours) => new Date(Math.floor(now.getTime() / HOUR) * HOUR + hours * HOUR)),
			);
		fc.assert(
			fc.property(
				day,
				hour,
				moment.chain((now) => fc.tuple(fc.constant(now), around(now), fc.option(around(now), { nil: undefined }))),
				(d, h, [now, since, last]) => {
					const occurrence = modelLastWeekly(d, h, now);
					const expected = occurrence > since && (last === undefined || occurrence > last) ? occurrence : undefined;
					expect(dueDigest(weekly(d, h, since), last?.toISOString(), now)).toEqual(expected);
				},
			),
			{ numRuns: 1_000 },
		);
	});

	it('sends only the latest digest after weeks down, not one for every week missed', () => {
		const mode = weekly('wednesday', 8, utc('2026-11-01T00:00:00'));
		// Last digest Wednesday 4 November; down until Friday 4 December.
		expect(dueDigest(mode, '2026-11-04T08:00:10.000Z', utc('2026-12-04T12:00:00'))).toEqual(utc('2026-12-02T08:00:00'));
		expect(dueDigest(mode, '2026-12-04T12:00:00.000Z', utc('2026-12-08T23:59:59'))).toBeUndefined();
	});
});

describe('the weekly digest over months, on a ticking clock', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('sends one digest a week, for each of its day-and-hours after weekly mode was chosen, at the first tick from then on', () => {
		fc.assert(
			fc.property(
				day,
				hour,
				fc.date({ min: new Date('2024-11-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }),
				fc.tuple(fc.integer({ min: 20, max: 300 }), fc.constantFrom(0, 7)).map(([minutes, off]) => minutes * 60_000 + off),
				fc.integer({ min: 1, max: 10 }),
				(d, h, since, tickMs, weeks) => {
					vi.setSystemTime(since);
					const mode = weekly(d, h, since);
					const sent: { due: string; sentAt: number }[] = [];
					let lastDigestAt: string | undefined;
					const ticker = setInterval(() => {
						const due = dueDigest(mode, lastDigestAt, new Date());
						if (!due) return;
						sent.push({ due: due.toISOString(), sentAt: Date.now() });
						lastDigestAt = new Date().toISOString();
					}, tickMs);
					vi.advanceTimersByTime(weeks * WEEK);
					clearInterval(ticker);
					// The model: every occurrence strictly after `since` up to the last tick, each sent at the first tick at or after it.
					const lastTick = since.getTime() + Math.floor((weeks * WEEK) / tickMs) * tickMs;
					const expected: { due: string; sentAt: number }[] = [];
					for (let at = modelLastWeekly(d, h, since).getTime() + WEEK; at <= lastTick; at += WEEK) {
						const firstTick = since.getTime() + Math.ceil((at - since.getTime()) / tickMs) * tickMs;
						if (firstTick <= lastTick) expected.push({ due: new Date(at).toISOString(), sentAt: firstTick });
					}
					expect(sent).toEqual(expected);
				},
			),
			{ numRuns: 30 },
		);
	});
});
