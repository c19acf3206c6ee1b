import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A fresh temporary folder, removed after the test. */
export function useTempDir(): () => string {
	const dirs: string[] = [];
	afterEach(() => {
		for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
	});
	return () => {
		const dir = mkdtempSync(join(tmpdir(), 'paperboy-test-'));
		dirs.push(dir);
		return dir;
	};
}

export const SEEDS_DIR = new URL('../seeds/', import.meta.url).pathname;

/** An abstract long enough, and sentence-like enough, to read as one. */
export function abstractAbout(topic: string): string {
	return `We study ${topic} in depth. Our method improves results on standard benchmarks by a wide margin while staying simple. Experiments on many datasets confirm the gains.`;
}
