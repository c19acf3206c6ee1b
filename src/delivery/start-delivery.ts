import type { Logger } from '../logger.js';
import type { SearchService } from '../search/search-service.js';
import type { Storage } from '../storage/storage.js';
import { Subscriptions } from '../subscriptions/subscriptions.js';
import { ChannelFeeds } from './channel-feeds.js';
import { DeliveryLedger } from './delivery-ledger.js';
import { Deliverer } from './deliverer.js';
import { PaperIntake } from './paper-intake.js';
import type { PostSink } from './post-sink.js';
import { SeenPapers } from './seen-papers.js';

export interface DeliveryParts {
	readonly storage: Storage;
	readonly search: SearchService;
	readonly sink: PostSink;
	readonly logger: Logger;
	readonly now?: () => Date;
	readonly isLeader: () => boolean;
}

export interface Delivery {
	readonly feeds: ChannelFeeds;
	readonly intake: PaperIntake;
	readonly deliverer: Deliverer;
	readonly subscriptions: Subscriptions;
}

/** Subscriptions, the delivery ledger and the intake of new papers, over one store. */
export async function createDelivery({ storage, search, sink, logger, now, isLeader }: DeliveryParts): Promise<Delivery> {
	const subscriptions = await Subscriptions.load(storage);
	const ledger = new DeliveryLedger(storage);
	const deliverer = new Deliverer({ ledger, subscriptions, sink, logger, papers: (ids) => search.papers(ids), ...(now ? { now } : {}) });
	const intake = new PaperIntake({ search, seen: new SeenPapers(storage), subscriptions, deliverer, storage, logger, isLeader });
	return { feeds: new ChannelFeeds(search, subscriptions, ledger, deliverer), intake, deliverer, subscriptions };
}
