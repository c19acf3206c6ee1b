import type { IndexProgress } from './open-index.ts';

const count = (n: number) => n.toLocaleString('en-US');

/** One line saying how far a build has come ("indexed 40,000 of 119,279 papers"). */
export function describeProgress(progress: IndexProgress): string {
	return progress.phase === 'reading'
		? `read ${count(progress.files)} of ${count(progress.totalFiles)} listing files (${count(progress.papers)} papers)`
		: `indexed ${count(progress.papers)} of ${count(progress.totalPapers)} papers`;
}

/** Passes on at most one progress report every `everyMs` (the last one always, so the end is seen). */
export function throttleProgress(everyMs: number, report: (progress: IndexProgress) => void): (progress: IndexProgress) => void {
	let last = -Infinity;
	return (progress) => {
		const now = performance.now();
		const done = progress.phase === 'indexing' && progress.papers === progress.totalPapers;
		if (now - last < everyMs && !done) return;
		last = now;
		report(progress);
	};
}
