import { existsSync } from 'node:fs';
import type { PaperLibrary } from '../papers/library.js';
import { loadLibrary } from '../papers/load-listings.js';
import { describeWarning } from './format.js';
import { UsageError, writeLine, type CliIo } from './io.js';

/** Loads the papers folder, telling stderr about every listing problem so results never hide one. */
export async function openLibrary(papersDir: string, io: CliIo): Promise<PaperLibrary> {
	if (!existsSync(papersDir)) throw new UsageError(`papers folder "${papersDir}" does not exist (set --papers-dir or PAPERS_DIR)`);
	const library = await loadLibrary(papersDir);
	for (const warning of library.warnings) writeLine(io.stderr, describeWarning(warning));
	return library;
}
