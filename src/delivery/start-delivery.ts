import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { SearchService } from '../search/search-service.ts';
import type { Storage } from '../storage/storage.ts';
import { Subscriptions } from '../subscriptions/subscriptions.ts';
import { ChannelFeeds } from './channel-feeds.ts';
import { DeliveryLedger } from './delivery-ledger.ts';
import { Deliverer } from './deliverer.ts';
import { PaperIntake } from './paper-intake.ts';
import type { PostSink } from './post-sink.ts';
import { SeenPapers } from './seen-papers.ts';

export interface DeliveryParts {
	readonly storage: Storage;
	readonly search: SearchService;
	readonly sink: PostSink;
	readonly logger: Logger;
	readonly now?: () => Date;
	readonly isLeader: () => boolean;
	readonly metrics?: Metrics;
}

export interface Delivery {
	readonly feeds: ChannelFeeds;
	readonly intake: PaperIntake;
	readonly deliverer: Deliverer;
	readonly subscriptions: Subscriptions;
}

/** Subscriptions, the delivery ledger and the intake of new papers, over one store. */
export async function createDelivery({ storage, search, sink, logger, now, isLeader, metrics }: DeliveryParts): Promise<Delivery> {
	const subscriptions = await Subscriptions.load(storage);
	const ledger = new DeliveryLedger(storage);
	const deliverer = new Deliverer({
		ledger,
		subscriptions,
		sink,
		logger,
		metrics,
		papers: (ids) => search.papers(ids),
		...(now ? { now } : {}),
	});
	const intake = new PaperIntake({ search, seen: new SeenPapers(storage), subscriptions, deliverer, storage, logger, isLeader });
	return { feeds: new ChannelFeeds(search, subscriptions, ledger, deliverer), intake, deliverer, subscriptions };
}
