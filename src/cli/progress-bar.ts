import type { Writable } from 'node:stream';
import type { IndexProgress } from '../search/open-index.ts';

const WIDTH = 24;
const REDRAW_MS = 100;
const count = (n: number) => n.toLocaleString('en-US');

function duration(seconds: number): string {
	if (!Number.isFinite(seconds)) return '…';
	return seconds < 90 ? `${Math.ceil(seconds)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/**
 * A one-line progress bar for a long index build, redrawn in place on a terminal's stderr:
 * files and papers done, papers per second and the time left in the current phase.
 * Where stderr is not a terminal (a pipe, a log file) it draws nothing.
 */
export class ProgressBar {
	readonly #started = performance.now();
	#phaseStarted = performance.now();
	#phase: IndexProgress['phase'] | undefined;
	#drawn = 0;
	readonly #enabled: boolean;

	private readonly stream: Writable;
	constructor(stream: Writable) {
		this.stream = stream;
		this.#enabled = (stream as { isTTY?: boolean }).isTTY === true;
	}

	update(progress: IndexProgress): void {
		if (!this.#enabled) return;
		const now = performance.now();
		if (progress.phase !== this.#phase) [this.#phase, this.#phaseStarted] = [progress.phase, now];
		const last = progress.phase === 'indexing' && progress.papers === progress.totalPapers;
		if (now - this.#drawn < REDRAW_MS && !last) return;
		this.#drawn = now;
		const [done, total] = progress.phase === 'reading' ? [progress.files, progress.totalFiles] : [progress.papers, progress.totalPapers];
		const share = total === 0 ? 1 : done / total;
		const elapsed = (now - this.#phaseStarted) / 1000;
		const rate = progress.papers / Math.max(elapsed, 0.001);
		const bar = '#'.repeat(Math.round(share * WIDTH)).padEnd(WIDTH, '.');
		const what =
			progress.phase === 'reading'
				? `reading ${count(done)}/${count(total)} files, ${count(progress.papers)} papers`
				: `indexing ${count(done)}/${count(total)} papers`;
		const left = duration(share > 0 ? (elapsed / share) * (1 - share) : Infinity);
		this.stream.write(`\r\x1b[2K[${bar}] ${what} · ${count(Math.round(rate))} papers/s · ${left} left`);
	}

	/** Ends the bar's line, saying how long it all took. */
	done(summary: string): void {
		if (!this.#enabled || this.#phase === undefined) return;
		this.stream.write(`\r\x1b[2K${summary} in ${duration((performance.now() - this.#started) / 1000)}\n`);
	}
}
