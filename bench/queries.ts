import type { Paper } from '../src/papers/paper.ts';
import { percentiles, sample, timeEach } from './measure.ts';
import type { TestSet } from './relevance.ts';

/** A realistic mix: the test set's queries (long typo'd titles among them), exact titles, and half-typed titles. */
export function queryMix(papers: readonly Paper[], testSet: TestSet): string[] {
	const titles = sample(papers, 60).map((paper) => paper.title);
	const typed = titles.slice(0, 30).map((title, i) => title.slice(0, 4 + ((i * 7) % 20)));
	return [...testSet.queries.map((q) => q.query), ...titles.slice(30), ...typed];
}

/** What a member has typed so far of a title, for autocomplete. */
export function titlePrefixes(papers: readonly Paper[]): string[] {
	return sample(papers, 300).map((paper, i) => paper.title.slice(0, 3 + ((i * 5) % 25)));
}

export interface Percentiles {
	p50: number;
	p95: number;
	n: number;
}

/** Steady state, as in a long-running bot: one untimed pass lets the JIT compile the hot paths. */
export function steadyPercentiles(run: (input: string) => unknown, inputs: readonly string[]): Percentiles {
	for (const input of inputs) run(input);
	return { ...percentiles(timeEach(inputs, run)), n: inputs.length };
}
