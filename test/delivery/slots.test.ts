import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Slots } from '../../src/delivery/slots.ts';
import { within } from '../../src/within.ts';

interface Job {
	readonly submitAt: number;
	readonly durationMs: number;
	readonly fails: boolean;
}

/**
 * The model: `size` servers and one first-come-first-served queue. A job starts when it has
 * arrived, every job before it has started, and a server is free; it holds the server until done.
 */
function modelStarts(size: number, jobs: readonly Job[]): number[] {
	const free = Array<number>(size).fill(0);
	let previous = 0;
	return jobs.map(({ submitAt, durationMs }) => {
		const server = free.indexOf(Math.min(...free));
		const start = Math.max(submitAt, previous, free[server]!);
		free[server] = start + durationMs;
		previous = start;
		return start;
	});
}

const deferred = () => {
	let resolve!: () => void;
	let reject!: (error: Error) => void;
	const promise = new Promise<void>((yes, no) => {
		resolve = yes;
		reject = no;
	});
	return { promise, resolve, reject };
};

describe('Slots', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	// Jobs arrive in order (ties included) and take whole seconds, some failing, so many start and end together.
	const jobs = fc
		.array(
			fc.record({
				gap: fc.constantFrom(0, 0, 1_000, 2_000, 5_000),
				durationMs: fc.integer({ min: 0, max: 5 }).map((s) => s * 1_000),
				fails: fc.boolean(),
			}),
			{
				minLength: 1,
				maxLength: 30,
			},
		)
		.map((drawn) => {
			let at = 0;
			return drawn.map(({ gap, durationMs, fails }): Job => ({ submitAt: (at += gap), durationMs, fails }));
		});

	it('starts each task when a slot is free and all before it have started, never more than `size` at once, failures included', async () => {
		await fc.assert(
			fc.asyncProperty(fc.integer({ min: 1, max: 4 }), jobs, async (size, planned) => {
				vi.setSystemTime(0);
				const slots = new Slots(size);
				const starts: number[] = [];
				const order: number[] = [];
				let running = 0;
				let most = 0;
				let settled = 0;
				const outcomes = planned.map(
					({ submitAt, durationMs, fails }, i) =>
						new Promise<string>((resolve) => {
							setTimeout(() => {
								slots
									.run(async () => {
										starts[i] = Date.now();
										order.push(i);
										most = Math.max(most, ++running);
										// An instant task finishes on the next microtask (a timer would take at least a millisecond).
										await (durationMs === 0 ? Promise.resolve() : new Promise((done) => setTimeout(done, durationMs)));
										running--;
										if (fails) throw new Error(`job ${i} failed`);
										return `job ${i} done`;
									})
									.then(resolve, (error: Error) => resolve(error.message))
									.finally(() => settled++);
							}, submitAt);
						}),
				);
				await vi.runAllTimersAsync();
				// Every task has finished once no timer is left: none is stuck waiting for a slot never freed.
				expect(settled).toBe(planned.length);
				expect(await Promise.all(outcomes)).toEqual(planned.map(({ fails }, i) => `job ${i} ${fails ? 'failed' : 'done'}`));
				expect(order).toEqual(planned.map((_, i) => i));
				expect(starts).toEqual(modelStarts(size, planned));
				expect(most).toBeLessThanOrEqual(size);
				expect(running).toBe(0);
			}),
			{ numRuns: 150 },
		);
	});

	it('queues a task submitted while all slots are held behind those already waiting, however it is submitted', async () => {
		vi.useRealTimers();
		const slots = new Slots(1);
		const first = deferred();
		const started: string[] = [];
		const a = slots.run(() => {
			started.push('a');
			return first.promise;
		});
		const b = slots.run(async () => {
			started.push('b');
		});
		// The owner of the first task's work queues more as soon as that work is done: in the same
		// moment the slot is released, before the waiting task has had its turn.
		const c = first.promise.then(() =>
			slots.run(async () => {
				started.push('c');
			}),
		);
		first.resolve();
		await within(Promise.all([a, b, c]), 1_000);
		expect(started).toEqual(['a', 'b', 'c']);
	});

	it('gives the slot of a failed task, thrown or rejected, to the next one', async () => {
		vi.useRealTimers();
		const slots = new Slots(1);
		const started: string[] = [];
		const thrown = slots.run(() => {
			started.push('thrown');
			throw new Error('at once');
		});
		const rejected = slots.run(async () => {
			started.push('rejected');
			throw new Error('later');
		});
		const fine = slots.run(async () => {
			started.push('fine');
			return 42;
		});
		// A slot kept by a failure would leave the rest waiting for ever: a second is plenty.
		await expect(within(thrown, 1_000)).rejects.toThrow('at once');
		await expect(within(rejected, 1_000)).rejects.toThrow('later');
		await expect(within(fine, 1_000)).resolves.toBe(42);
		expect(started).toEqual(['thrown', 'rejected', 'fine']);
	});

	it('runs at once while a slot is free, and waits while none is', async () => {
		const slots = new Slots(2);
		const gates = [deferred(), deferred(), deferred()];
		const started: number[] = [];
		const runs = gates.map((gate, i) =>
			slots.run(async () => {
				started.push(i);
				await gate.promise;
				return i;
			}),
		);
		await vi.advanceTimersByTimeAsync(0);
		expect(started).toEqual([0, 1]);
		gates[1]!.resolve();
		await expect(runs[1]).resolves.toBe(1);
		await vi.advanceTimersByTimeAsync(0);
		expect(started).toEqual([0, 1, 2]);
		gates[0]!.reject(new Error('no'));
		gates[2]!.resolve();
		await expect(runs[0]).rejects.toThrow('no');
		await expect(runs[2]).resolves.toBe(2);
	});
});
