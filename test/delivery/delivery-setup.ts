import pino from 'pino';
import { DeliveryLedger, type QueuedPost } from '../../src/delivery/delivery-ledger.ts';
import { Deliverer, type DelivererOptions } from '../../src/delivery/deliverer.ts';
import type { Paper } from '../../src/papers/paper.ts';
import { openStorage, type Storage } from '../../src/storage/storage.ts';
import { Subscriptions } from '../../src/subscriptions/subscriptions.ts';
import { RecordingSink } from '../support/recording-sink.ts';

export const CHANNEL = '400000000000000001';
export const OTHER = '400000000000000002';
export const THIRD = '400000000000000003';
export const papers = new Map<string, Paper>(
	Array.from({ length: 30 }, (_, i) => [`p${i}`, { id: `p${i}`, title: `Paper ${i}`, abstract: 'An abstract.', listings: [] }]),
);
export const queued = (ids: string[]): QueuedPost[] =>
	ids.map((paperId) => ({ paperId, topics: ['grokking'], queuedAt: new Date().toISOString() }));
export const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `p${from + i}`);

/** A deliverer on a fresh memory store (or `storage`), posting to a recording sink; started unless told not to. */
export async function setup(storage?: Storage, options: Partial<DelivererOptions> = {}, started = true) {
	const store = storage ?? (await openStorage('memory://'));
	const sink = (options.sink as RecordingSink | undefined) ?? new RecordingSink();
	const subscriptions = await Subscriptions.load(store);
	const ledger = new DeliveryLedger(store);
	const deliverer = new Deliverer({
		ledger,
		subscriptions,
		sink,
		papers: async (wanted) => wanted.flatMap((id) => papers.get(id) ?? []),
		logger: pino({ level: 'silent' }),
		retryMs: 10,
		tickMs: 20,
		...options,
	});
	if (started) await deliverer.start();
	return { store, sink, subscriptions, ledger, deliverer };
}
