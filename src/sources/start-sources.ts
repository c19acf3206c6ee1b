import type { Config } from '../config.ts';
import type { PaperIntake } from '../delivery/paper-intake.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { FeedSetting } from './feeds.ts';
import { HttpPaperSource } from './http/http-source.ts';
import type { PaperSource } from './paper-source.ts';
import { PapersFolder } from './papers-folder.ts';

export interface RunningSources {
	close(): Promise<void>;
}

/** A polling source for each feed turned on, each poll counted by feed. */
export function feedSources(
	feeds: readonly FeedSetting[],
	intervalMs: number,
	logger: Logger,
	metrics?: Pick<Metrics, 'countPoll'>,
): HttpPaperSource[] {
	return feeds.map(
		({ feed, url }) =>
			new HttpPaperSource({
				name: feed.name,
				url,
				parse: feed.parse,
				intervalMs,
				logger,
				...(metrics ? { onPoll: (outcome) => metrics.countPoll(feed.name, outcome) } : {}),
			}),
	);
}

/**
 * Starts the sources, one after another, each handing its papers to the intake. The intake may be
 * yet to come: papers that arrive first wait for it. A source that fails to start stops the others.
 */
export async function startSources(sources: readonly PaperSource[], intake: PaperIntake | Promise<PaperIntake>): Promise<RunningSources> {
	const started: PaperSource[] = [];
	const close = async () => void (await Promise.all(started.map((source) => source.close())));
	try {
		for (const source of sources) {
			started.push(source);
			await source.start(async (drafts) => void (await (await intake).ingest(drafts, source.persist)));
		}
	} catch (error) {
		await close();
		throw error;
	}
	return { close };
}

/**
 * Watches the papers folder from before the papers are loaded (so nothing written meanwhile is
 * missed) and hands what arrives to the intake once it exists.
 */
export function watchPapersFolder(config: Config, logger: Logger, intake: Promise<PaperIntake>): Promise<RunningSources> {
	return startSources([new PapersFolder(config.papersDir, logger)], intake);
}

/** The feeds the configuration turns on, each polled every `sourcePollMinutes`. */
export function startNetworkSources(
	config: Config,
	logger: Logger,
	intake: PaperIntake,
	metrics?: Pick<Metrics, 'countPoll'>,
): Promise<RunningSources> {
	return startSources(feedSources(config.feeds, config.sourcePollMinutes * 60_000, logger, metrics), intake);
}
