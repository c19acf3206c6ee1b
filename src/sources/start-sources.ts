import type { Config } from '../config.ts';
import type { PaperIntake } from '../delivery/paper-intake.ts';
import type { Logger } from '../logger.ts';
import { listingDrafts } from '../papers/library.ts';
import { createPaperSources } from './http/index.ts';
import { watchListings } from './listing-watcher.ts';

export interface RunningSources {
	close(): Promise<void>;
}

/**
 * Watches the papers folder from before the papers are loaded (so nothing written meanwhile is
 * missed) and hands what arrives to the intake once it exists; then the network sources.
 */
export async function watchPapersFolder(config: Config, logger: Logger, intake: Promise<PaperIntake>): Promise<RunningSources> {
	// A file that grows is read again whole; each of its warnings is logged once, not at every read.
	const logged = new Map<string, Set<string>>();
	const watcher = await watchListings(config.papersDir, {
		async onListing(listing) {
			const seen = logged.get(listing.file) ?? new Set<string>();
			logged.set(listing.file, seen);
			for (const warning of listing.warnings) {
				const key = `${warning.line}:${warning.message}`;
				if (seen.has(key)) continue;
				seen.add(key);
				logger.warn({ file: warning.file, line: warning.line }, warning.message);
			}
			if (listing.accepted) await (await intake).ingest(listingDrafts(listing), false);
		},
		onProblem: (message, error) => logger.warn({ err: error, dir: config.papersDir }, message),
	});
	return watcher;
}

export function startNetworkSources(config: Config, logger: Logger, intake: PaperIntake): RunningSources {
	const sources = createPaperSources({
		huggingFaceUrl: config.huggingFaceUrl,
		arxivUrl: config.arxivUrl,
		intervalMs: config.sourcePollMinutes * 60_000,
		logger,
	});
	for (const source of sources) source.start(async (papers) => void (await intake.ingest(papers, true)));
	return { close: async () => void (await Promise.all(sources.map((source) => source.close()))) };
}
