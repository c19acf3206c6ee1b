import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dueDigest, lastOccurrence } from '../../src/delivery/digest-schedule.ts';
import type { DigestMode } from '../../src/subscriptions/subscriptions.ts';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/** The model: walk back from `now`, an hour at a time from the hour it is in, to the first whose UTC clock shows `hour`:00. */
function modelLastOccurrence(hour: number, now: Date): Date {
	let at = Math.floor(now.getTime() / HOUR) * HOUR;
	while (new Date(at).getUTCHours() !== hour) at -= HOUR;
	return new Date(at);
}

const utc = (text: string) => new Date(`${text}Z`);
const daily = (hour: number, since: Date): DigestMode => ({ mode: 'daily', hour, since: since.toISOString() });

// Any moment over two centuries, to the millisecond; leap days, year ends and exact hours come up on their own.
const moment = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true });
const hour = fc.integer({ min: 0, max: 23 });

describe('lastOccurrence', () => {
	it('is the latest hour:00 UTC at or before now, as an hour-by-hour walk back finds it', () => {
		fc.assert(
			fc.property(hour, moment, (h, now) => {
				const found = lastOccurrence(h, now);
				expect(found).toEqual(modelLastOccurrence(h, now));
				expect(found.getTime()).toBeLessThanOrEqual(now.getTime());
				expect(now.getTime() - found.getTime()).toBeLessThan(DAY);
				expect([found.getUTCHours(), found.getUTCMinutes(), found.getUTCSeconds(), found.getUTCMilliseconds()]).toEqual([h, 0, 0, 0]);
			}),
			{ numRuns: 1_000 },
		);
	});

	it('counts an exact hour as come, and one millisecond before it as yesterday', () => {
		expect(lastOccurrence(8, utc('2024-05-10T08:00:00.000'))).toEqual(utc('2024-05-10T08:00:00.000'));
		expect(lastOccurrence(8, utc('2024-05-10T07:59:59.999'))).toEqual(utc('2024-05-09T08:00:00.000'));
		expect(lastOccurrence(0, utc('2024-05-10T00:00:00.000'))).toEqual(utc('2024-05-10T00:00:00.000'));
		expect(lastOccurrence(23, utc('2024-05-10T22:59:59.999'))).toEqual(utc('2024-05-09T23:00:00.000'));
		expect(lastOccurrence(23, utc('2024-05-10T23:59:59.999'))).toEqual(utc('2024-05-10T23:00:00.000'));
	});

	it('steps back across month, leap-day and year ends', () => {
		expect(lastOccurrence(9, utc('2025-01-01T03:00:00'))).toEqual(utc('2024-12-31T09:00:00'));
		expect(lastOccurrence(9, utc('2024-03-01T03:00:00'))).toEqual(utc('2024-02-29T09:00:00'));
		expect(lastOccurrence(9, utc('2023-03-01T03:00:00'))).toEqual(utc('2023-02-28T09:00:00'));
		expect(lastOccurrence(9, utc('2024-05-01T03:00:00'))).toEqual(utc('2024-04-30T09:00:00'));
		expect(lastOccurrence(9, utc('2024-08-01T03:00:00'))).toEqual(utc('2024-07-31T09:00:00'));
	});

	describe('in any local time zone', () => {
		const zone = process.env.TZ;
		afterEach(() => {
			if (zone === undefined) delete process.env.TZ;
			else process.env.TZ = zone;
		});

		it('gives the same UTC hours, across daylight-saving changes (which UTC has none of)', () => {
			// Nights when clocks change somewhere: Europe and the US in spring and autumn 2024, and Lord Howe's half hour.
			const edges = ['2024-03-10T07:30:00', '2024-03-31T01:30:00', '2024-10-27T00:30:00', '2024-11-03T06:30:00', '2024-04-06T15:15:00'];
			const answers = () => edges.flatMap((edge) => Array.from({ length: 24 }, (_, h) => lastOccurrence(h, utc(edge)).toISOString()));
			process.env.TZ = 'UTC';
			const inUtc = answers();
			for (const tz of ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kathmandu']) {
				process.env.TZ = tz;
				// The zone did change: local midnight is not UTC midnight there.
				expect(new Date(utc('2024-06-01T00:00:00')).getTimezoneOffset(), tz).not.toBe(0);
				expect(answers(), tz).toEqual(inUtc);
			}
			// Consecutive digests are a whole day apart, however the local clock jumps that night.
			expect(lastOccurrence(2, utc('2024-03-31T02:00:00')).getTime() - lastOccurrence(2, utc('2024-03-31T01:59:59')).getTime()).toBe(DAY);
		});
	});
});

describe('dueDigest', () => {
	it('is the latest digest hour when it came after both the choice of daily mode and the last digest', () => {
		// Times around `now`, and whole hours (the digest's own among them), so every order of since,
		// last digest and occurrence comes up, ties included.
		// (From 2000 on: a channel without a digest yet counts its last one as at the epoch, which no real `since` precedes.)
		const recent = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true });
		const around = (now: Date) =>
			fc.oneof(
				fc.integer({ min: -3 * DAY, max: DAY }).map((offset) => new Date(now.getTime() + offset)),
				fc.integer({ min: -72, max: 24 }).map((hours) => new Date(Math.floor(now.getTime() / HOUR) * HOUR + hours * HOUR)),
			);
		fc.assert(
			fc.property(
				hour,
				recent.chain((now) => fc.tuple(fc.constant(now), around(now), fc.option(around(now), { nil: undefined }))),
				(h, [now, since, last]) => {
					const occurrence = modelLastOccurrence(h, now);
					const expected = occurrence > since && (last === undefined || occurrence > last) ? occurrence : undefined;
					expect(dueDigest(daily(h, since), last?.toISOString(), now)).toEqual(expected);
				},
			),
			{ numRuns: 1_000 },
		);
	});

	it('is never due for an instant channel', () => {
		fc.assert(
			fc.property(moment, fc.option(moment, { nil: undefined }), (now, last) => {
				expect(dueDigest({ mode: 'instant' }, last?.toISOString(), now)).toBeUndefined();
			}),
		);
	});

	it('starts tomorrow when daily mode is chosen after the day’s hour, today when before it', () => {
		expect(dueDigest(daily(14, utc('2024-05-10T14:30:00')), undefined, utc('2024-05-10T23:59:59'))).toBeUndefined();
		expect(dueDigest(daily(14, utc('2024-05-10T14:30:00')), undefined, utc('2024-05-11T14:00:00'))).toEqual(utc('2024-05-11T14:00:00'));
		expect(dueDigest(daily(14, utc('2024-05-10T13:59:59')), undefined, utc('2024-05-10T14:00:00'))).toEqual(utc('2024-05-10T14:00:00'));
		// Chosen at the very hour: that digest is not owed.
		expect(dueDigest(daily(14, utc('2024-05-10T14:00:00')), undefined, utc('2024-05-10T15:00:00'))).toBeUndefined();
	});

	it('is due once per occurrence: not again after a digest sent at or after it', () => {
		const mode = daily(8, utc('2024-01-01T00:00:00'));
		expect(dueDigest(mode, '2024-05-10T08:00:05.000Z', utc('2024-05-10T20:00:00'))).toBeUndefined();
		expect(dueDigest(mode, '2024-05-10T08:00:00.000Z', utc('2024-05-10T08:00:00'))).toBeUndefined();
		expect(dueDigest(mode, '2024-05-09T08:00:05.000Z', utc('2024-05-10T08:00:00'))).toEqual(utc('2024-05-10T08:00:00'));
	});
});

describe('the daily digest over weeks, on a ticking clock', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	/** Ticks like the deliverer, sending each due digest and noting the send as the last digest. */
	function run(mode: DigestMode, tickMs: number, forMs: number): { due: string; sentAt: number }[] {
		const sent: { due: string; sentAt: number }[] = [];
		let lastDigestAt: string | undefined;
		const ticker = setInterval(() => {
			const now = new Date();
			const due = dueDigest(mode, lastDigestAt, now);
			if (!due) return;
			sent.push({ due: due.toISOString(), sentAt: now.getTime() });
			lastDigestAt = now.toISOString();
		}, tickMs);
		vi.advanceTimersByTime(forMs);
		clearInterval(ticker);
		return sent;
	}

	it('sends one digest a day, for each day’s hour after daily mode was chosen, at the first tick from that hour on', () => {
		fc.assert(
			fc.property(
				hour,
				fc.date({ min: new Date('2023-12-01T00:00:00Z'), max: new Date('2024-12-31T00:00:00Z'), noInvalidDate: true }),
				// Ticks a whole number of minutes apart (landing on the hour now and then) or a few milliseconds off.
				fc.tuple(fc.integer({ min: 10, max: 180 }), fc.constantFrom(0, 7)).map(([minutes, off]) => minutes * 60_000 + off),
				fc.integer({ min: 1, max: 21 }),
				(h, since, tickMs, days) => {
					vi.setSystemTime(since);
					const sent = run(daily(h, since), tickMs, days * DAY);
					// The model: every hour:00 strictly after `since` up to the last tick, each sent at the first tick at or after it.
					const lastTick = since.getTime() + Math.floor((days * DAY) / tickMs) * tickMs;
					const expected: { due: string; sentAt: number }[] = [];
					for (let at = modelLastOccurrence(h, since).getTime() + DAY; at <= lastTick; at += DAY) {
						const firstTick = since.getTime() + Math.ceil((at - since.getTime()) / tickMs) * tickMs;
						if (firstTick <= lastTick) expected.push({ due: new Date(at).toISOString(), sentAt: firstTick });
					}
					expect(sent).toEqual(expected);
				},
			),
			{ numRuns: 50 },
		);
	});

	it('sends only the latest digest after days without ticks, not one for every day missed', () => {
		vi.setSystemTime(utc('2024-02-27T10:00:00'));
		const mode = daily(6, utc('2024-02-27T10:00:00'));
		expect(dueDigest(mode, undefined, utc('2024-02-28T06:00:00'))).toEqual(utc('2024-02-28T06:00:00'));
		// Down from the 28th's digest until the 3rd of March at noon, across the leap day.
		const last = '2024-02-28T06:00:01.000Z';
		expect(dueDigest(mode, last, utc('2024-03-03T12:00:00'))).toEqual(utc('2024-03-03T06:00:00'));
		expect(dueDigest(mode, '2024-03-03T12:00:00.000Z', utc('2024-03-03T12:30:00'))).toBeUndefined();
	});

	it('sends the year’s last digest and the next year’s first a day apart', () => {
		const since = utc('2024-12-30T23:30:00');
		vi.setSystemTime(since);
		expect(run(daily(23, since), 60_000, 3 * DAY).map((d) => d.due)).toEqual([
			'2024-12-31T23:00:00.000Z',
			'2025-01-01T23:00:00.000Z',
			'2025-01-02T23:00:00.000Z',
		]);
	});
});
