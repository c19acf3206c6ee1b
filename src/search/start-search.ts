import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { buildIndexAway } from './index-away.ts';
import { openIndex, SNAPSHOT_FILE } from './open-index.ts';
import { describeProgress, throttleProgress } from './progress.ts';
import { SearchPool } from './search-pool.ts';
import { SnapshotKeeper } from './snapshot-keeper.ts';

/** A long build says how far it has come this often. */
const PROGRESS_LOG_MS = 3_000;
/**
 * The snapshot is saved again once this many papers (or this share of it) arrived: fewer cost
 * the next start a second or so to index, a save costs a background rebuild of the whole index.
 */
const SNAPSHOT_AFTER_PAPERS = 1_000;
const SNAPSHOT_AFTER_SHARE = 0.01;
const SNAPSHOT_CHECK_MS = 60_000;

export interface StartedSearch {
	readonly search: SearchPool;
	readonly papers: number;
	close(): Promise<void>;
}

/**
 * Opens the index (the snapshot, or a build saying how far it has come), starts the search
 * threads over it, and keeps the snapshot current as papers arrive.
 */
export async function startSearch(config: Config, logger: Logger): Promise<StartedSearch> {
	const indexStarted = performance.now();
	const onProgress = throttleProgress(PROGRESS_LOG_MS, (progress) =>
		logger.info({ event: 'index_progress', ...progress }, describeProgress(progress)),
	);
	// The snapshot is read here (fast, and all I/O); only a build, long and CPU-bound, is done away.
	const opening = openIndex({ papersDir: config.papersDir, indexDir: config.indexDir, onProgress }, buildIndexAway).then((opened) => {
		logger.info(
			{
				event: opened.loaded ? 'index_loaded' : 'index_rebuilt',
				reason: opened.reason,
				papers: opened.manifest.papers,
				pending: opened.pending.length,
				ms: Math.round(performance.now() - indexStarted),
			},
			opened.loaded ? `loaded the index snapshot: ${opened.reason}` : `rebuilt the index: ${opened.reason}`,
		);
		if (opened.saveProblem) logger.warn({ event: 'index_not_saved' }, `${opened.saveProblem}; the next start builds it again`);
		for (const warning of opened.warnings)
			logger.warn({ event: 'listing_warning', file: warning.file, line: warning.line }, warning.message);
		return opened;
	});
	// The search threads load their code meanwhile.
	const starting = SearchPool.start(
		opening.then(({ segment, pending, listings }) => ({ segment, pending, listings })),
		config.searchThreads,
		(error) => logger.error({ event: 'search_thread_failed', err: error }, 'a search thread stopped; starting a new one'),
	);
	const [opened, { search, papers }] = await Promise.all([opening, starting]);
	const keeper = new SnapshotKeeper({
		added: () => search.added,
		manifest: opened.manifest,
		path: join(config.indexDir, SNAPSHOT_FILE),
		threshold: Math.max(SNAPSHOT_AFTER_PAPERS, Math.ceil(opened.segment.layout.docs * SNAPSHOT_AFTER_SHARE)),
		checkEveryMs: SNAPSHOT_CHECK_MS,
		onSaved: (papers, ms) => logger.info({ event: 'index_saved', papers, ms }, 'saved the index snapshot with the papers that arrived'),
		onProblem: (error) =>
			logger.warn({ event: 'index_not_saved', err: error }, 'could not save the index snapshot; will try again when more papers arrive'),
	});
	return {
		search,
		papers,
		async close() {
			await keeper.close();
			await search.close();
		},
	};
}
