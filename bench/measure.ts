/** Median and 95th percentile of a list of durations. */
export function percentiles(values: readonly number[]): { p50: number; p95: number } {
	const sorted = [...values].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
	return { p50: at(0.5), p95: at(0.95) };
}

/** Milliseconds each call takes, one call per input. */
export function timeEach<T>(inputs: readonly T[], run: (input: T) => unknown): number[] {
	return inputs.map((input) => {
		const start = performance.now();
		run(input);
		return performance.now() - start;
	});
}

export async function timed<T>(run: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
	const start = performance.now();
	const value = await run();
	return { value, ms: performance.now() - start };
}

/**
 * Memory in use after a full collection (the bench runs with --expose-gc): the JS heap plus
 * typed arrays, which live outside it and hold most of an index (posting lists, lengths).
 */
export function usedMemoryMb(): number {
	(globalThis as { gc?: () => void }).gc?.();
	const { heapUsed, arrayBuffers } = process.memoryUsage();
	return (heapUsed + arrayBuffers) / 2 ** 20;
}

/** Every n-th item, so a slow engine runs on a sample spread over the whole mix. */
export function sample<T>(items: readonly T[], count: number): T[] {
	if (items.length <= count) return [...items];
	const step = items.length / count;
	return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)]!);
}

export const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(0));
