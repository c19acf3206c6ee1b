import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PaperLibrary } from '../../src/papers/library.ts';
import { loadLibrary } from '../../src/papers/load-listings.ts';
import type { ParseWarning } from '../../src/papers/paper.ts';
import { useTempDir } from '../helpers.ts';

const tempDir = useTempDir();
const COUNT = 200_000;

// Arrays this long overflow the stack when spread into a call's arguments.
describe('a listing of 200,000 entries', () => {
	it('loads whole', async () => {
		const dir = tempDir();
		const entry = (i: number) =>
			`Paper Number ${i}\n\nWe study topic ${i} in some depth. Our method improves results on many benchmarks.\n\n`;
		writeFileSync(join(dir, 'huge.txt'), `2025-07-10\n\n${Array.from({ length: COUNT }, (_, i) => entry(i)).join('')}`);
		const library = await loadLibrary(dir);
		expect(library.size).toBe(COUNT);
		expect(library.warnings).toEqual([]);
	});

	it('keeps every one of its warnings', () => {
		const warnings: ParseWarning[] = Array.from({ length: COUNT }, (_, i) => ({
			file: 'huge.txt',
			line: i + 1,
			severity: 'warning',
			message: 'skipped',
		}));
		const library = new PaperLibrary();
		library.addListing({ file: 'huge.txt', entries: [], warnings, accepted: false });
		expect(library.warnings).toHaveLength(COUNT);
		expect(library.warnings.at(-1)).toBe(warnings.at(-1));
	});
});
