import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Retries } from '../../src/delivery/retries.ts';

const MAX_DELAY_MS = 10 * 60_000;

/** The model's waits: the first, doubled after each failure in a row, never above ten minutes. */
const modelDelay = (firstDelayMs: number, failures: number) => Math.min(firstDelayMs * 2 ** (failures - 1), MAX_DELAY_MS);

type Step =
	| { readonly op: 'schedule'; readonly channel: string }
	| { readonly op: 'succeeded'; readonly channel: string }
	| { readonly op: 'cancel'; readonly channel: string }
	| { readonly op: 'cancelAll' }
	| { readonly op: 'advance'; readonly ms: number };

describe('Retries', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('waits the first delay, then twice as long after each failure in a row, up to ten minutes', () => {
		const retries = new Retries(5_000);
		const waits = Array.from({ length: 10 }, () => retries.schedule('c', () => {}));
		expect(waits).toEqual([5, 10, 20, 40, 80, 160, 320, 600, 600, 600].map((s, i) => ({ failures: i + 1, delayMs: s * 1_000 })));
		retries.cancelAll();
	});

	it('follows the doubling for any first delay, and starts over after a success', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 700_000 }), fc.integer({ min: 1, max: 30 }), (first, failures) => {
				const retries = new Retries(first);
				for (let n = 1; n <= failures; n++) expect(retries.schedule('c', () => {})).toEqual({ failures: n, delayMs: modelDelay(first, n) });
				retries.succeeded('c');
				expect(retries.schedule('c', () => {})).toEqual({ failures: 1, delayMs: Math.min(first, MAX_DELAY_MS) });
				retries.cancelAll();
			}),
		);
	});

	it('retries once the wait is over, not a millisecond sooner, and only once', () => {
		const retries = new Retries(1_000);
		const retry = vi.fn();
		retries.schedule('c', retry);
		expect(retries.isWaiting('c')).toBe(true);
		vi.advanceTimersByTime(999);
		expect(retry).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1);
		expect(retry).toHaveBeenCalledTimes(1);
		expect(retries.isWaiting('c')).toBe(false);
		vi.advanceTimersByTime(60 * 60_000);
		expect(retry).toHaveBeenCalledTimes(1);
	});

	it('keeps no process alive for a retry', () => {
		const setTimeout = vi.spyOn(globalThis, 'setTimeout');
		new Retries(1_000).schedule('c', () => {});
		const timer = setTimeout.mock.results[0]!.value as NodeJS.Timeout;
		expect(timer.hasRef()).toBe(false);
		setTimeout.mockRestore();
	});

	it('runs, against a model of each channel, the retries due: one per channel, after the latest wait, none cancelled', () => {
		const channel = fc.constantFrom('a', 'b', 'c');
		const step: fc.Arbitrary<Step> = fc.oneof(
			{ weight: 4, arbitrary: channel.map((c) => ({ op: 'schedule' as const, channel: c })) },
			{ weight: 1, arbitrary: channel.map((c) => ({ op: 'succeeded' as const, channel: c })) },
			{ weight: 1, arbitrary: channel.map((c) => ({ op: 'cancel' as const, channel: c })) },
			{ weight: 1, arbitrary: fc.constant({ op: 'cancelAll' as const }) },
			{ weight: 4, arbitrary: fc.integer({ min: 0, max: 5_000 }).map((ms) => ({ op: 'advance' as const, ms })) },
		);
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 2_000 }), fc.array(step, { maxLength: 60 }), (first, steps) => {
				vi.setSystemTime(0);
				const retries = new Retries(first);
				const ran: string[] = [];
				// The model: failures in a row and when the pending retry is due, per channel.
				const failures = new Map<string, number>();
				const due = new Map<string, number>();
				const expected: string[] = [];
				let now = 0;
				for (const s of steps) {
					if (s.op === 'schedule') {
						const n = (failures.get(s.channel) ?? 0) + 1;
						failures.set(s.channel, n);
						due.set(s.channel, now + modelDelay(first, n));
						expect(retries.schedule(s.channel, () => ran.push(`${s.channel}@${Date.now()}`))).toEqual({
							failures: n,
							delayMs: modelDelay(first, n),
						});
					} else if (s.op === 'succeeded') {
						failures.delete(s.channel);
						retries.succeeded(s.channel);
					} else if (s.op === 'cancel') {
						due.delete(s.channel);
						retries.cancel(s.channel);
					} else if (s.op === 'cancelAll') {
						due.clear();
						retries.cancelAll();
					} else {
						now += s.ms;
						const fired = [...due].filter(([, at]) => at <= now).sort((x, y) => x[1] - y[1]);
						for (const [c, at] of fired) {
							expected.push(`${c}@${at}`);
							due.delete(c);
						}
						vi.advanceTimersByTime(s.ms);
						// Retries due at the same moment may run in either order.
						expect([...ran].sort()).toEqual([...expected].sort());
						expect(ran.map((r) => Number(r.split('@')[1]))).toEqual(expected.map((r) => Number(r.split('@')[1])));
					}
					for (const c of ['a', 'b', 'c']) expect(retries.isWaiting(c), c).toBe(due.has(c));
				}
				retries.cancelAll();
				vi.advanceTimersByTime(MAX_DELAY_MS);
				expect(ran).toHaveLength(expected.length);
			}),
			{ numRuns: 200 },
		);
	});

	it('keeps channels apart: one failing often does not lengthen or cancel another wait', () => {
		const retries = new Retries(1_000);
		const retried: string[] = [];
		for (let i = 0; i < 5; i++) retries.schedule('bad', () => retried.push('bad'));
		expect(retries.schedule('good', () => retried.push('good'))).toEqual({ failures: 1, delayMs: 1_000 });
		vi.advanceTimersByTime(1_000);
		expect(retried).toEqual(['good']);
		retries.cancel('good');
		expect(retries.isWaiting('bad')).toBe(true);
		// The fifth failure in a row waits 16 s.
		vi.advanceTimersByTime(14_999);
		expect(retried).toEqual(['good']);
		vi.advanceTimersByTime(1);
		expect(retried).toEqual(['good', 'bad']);
	});
});
