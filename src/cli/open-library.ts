import { existsSync } from 'node:fs';
import type { PaperLibrary } from '../papers/library.ts';
import { loadLibrary } from '../papers/load-listings.ts';
import { searchEngineOver } from '../search/build.ts';
import { openIndex } from '../search/open-index.ts';
import type { SearchEngine } from '../search/search-engine.ts';
import { describeWarning } from './format.ts';
import { UsageError, writeLine, type CliIo } from './io.ts';
import { ProgressBar } from './progress-bar.ts';

/** Loads the papers folder, telling stderr about every listing problem so results never hide one. */
export async function openLibrary(papersDir: string, io: CliIo): Promise<PaperLibrary> {
	if (!existsSync(papersDir)) throw new UsageError(`papers folder "${papersDir}" does not exist (set --papers-dir or PAPERS_DIR)`);
	const library = await loadLibrary(papersDir);
	for (const warning of library.warnings) writeLine(io.stderr, describeWarning(warning));
	return library;
}

/**
 * The search engine over the papers folder, from the index snapshot when it still stands for
 * the folder (built and saved otherwise, with a progress bar at a terminal).
 */
export async function openSearchEngine(papersDir: string, indexDir: string, io: CliIo): Promise<SearchEngine> {
	if (!existsSync(papersDir)) throw new UsageError(`papers folder "${papersDir}" does not exist (set --papers-dir or PAPERS_DIR)`);
	const bar = new ProgressBar(io.stderr);
	const opened = await openIndex({ papersDir, indexDir, onProgress: (progress) => bar.update(progress) });
	bar.done(`indexed ${opened.manifest.papers.toLocaleString('en-US')} papers`);
	if (opened.saveProblem) writeLine(io.stderr, `paperboy: ${opened.saveProblem}`);
	for (const warning of opened.warnings) writeLine(io.stderr, describeWarning(warning));
	const engine = searchEngineOver(opened.segment);
	engine.index.merge(opened.pending);
	return engine;
}
