import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** How an interaction ended: answered, refused with a message the member can act on, or failed on the bot's side (logged). */
export type InteractionOutcome = 'ok' | 'user_error' | 'failed';
export type InteractionKind = 'command' | 'autocomplete' | 'component';
/** The search threads' requests that members wait for. */
export type SearchOperation = 'search' | 'suggest' | 'similar';
/**
 * What became of one message the deliverer tried to post: sent; found already in the channel (after
 * a crash); refused by Discord as malformed (dropped); failed and retried later; or its channel paused.
 */
export const POST_OUTCOMES = ['posted', 'already_posted', 'rejected', 'failed', 'paused'] as const;
export type PostOutcome = (typeof POST_OUTCOMES)[number];
export type PollOutcome = 'ok' | 'failed';
/** Where a queued post (one paper for one channel) stands; see `Deliverer.queueSizes`. */
export const DELIVERY_QUEUE_STATES = ['queued', 'sending', 'retrying', 'paused'] as const;
export type DeliveryQueueState = (typeof DELIVERY_QUEUE_STATES)[number];

/** What the gauges read when scraped: the live state of the parts, asked for rather than copied. */
export interface MetricReadings {
	papers(): Promise<number>;
	isLeader(): boolean;
	deliveryQueue(): Readonly<Record<DeliveryQueueState, number>>;
}

// Interactions wait on Discord's REST as well as on the bot: from 5 ms to the 3 s an answer is due by, and beyond.
const INTERACTION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
// A search answers in a few milliseconds at 100,000 papers (the README's figures); a slow one in a second.
const SEARCH_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/**
 * Every metric Paperboy exports, with its name, on a registry of its own (not prom-client's global
 * one, so that several bots in one process, as in tests, count apart). Created at the wiring point
 * and handed to the parts it counts for; the gauges read the `MetricReadings` watched when scraped.
 */
export class Metrics {
	readonly registry = new Registry();
	readonly #interactions = new Counter({
		name: 'paperboy_interactions_total',
		help: 'Interactions answered, by kind, command (or component) and outcome',
		labelNames: ['kind', 'command', 'outcome'] as const,
		registers: [this.registry],
	});
	readonly #interactionSeconds = new Histogram({
		name: 'paperboy_interaction_seconds',
		help: 'Time from receiving an interaction to finishing its answer',
		labelNames: ['kind', 'command'] as const,
		buckets: INTERACTION_BUCKETS,
		registers: [this.registry],
	});
	readonly #searchSeconds = new Histogram({
		name: 'paperboy_search_seconds',
		help: 'Time the search threads took to answer, by operation',
		labelNames: ['operation'] as const,
		buckets: SEARCH_BUCKETS,
		registers: [this.registry],
	});
	readonly #posts = new Counter({
		name: 'paperboy_posts_total',
		help: 'Messages the deliverer tried to post, by outcome',
		labelNames: ['outcome'] as const,
		registers: [this.registry],
	});
	readonly #rateLimited = new Counter({
		name: 'paperboy_rate_limited_total',
		help: 'Requests to Discord held back by a rate limit (discord.js waits them out)',
		registers: [this.registry],
	});
	readonly #polls = new Counter({
		name: 'paperboy_source_polls_total',
		help: 'Polls of the network feeds of new papers, by source and outcome',
		labelNames: ['source', 'outcome'] as const,
		registers: [this.registry],
	});

	/** Until the parts exist (during start-up), the gauges read 0. */
	#readings: MetricReadings | undefined;

	constructor() {
		collectDefaultMetrics({ register: this.registry });
		const readings = () => this.#readings;
		new Gauge({
			name: 'paperboy_papers',
			help: 'Papers in the library',
			registers: [this.registry],
			async collect() {
				this.set((await readings()?.papers()) ?? 0);
			},
		});
		new Gauge({
			name: 'paperboy_leader',
			help: '1 while this process leads (takes in new papers and posts them), else 0',
			registers: [this.registry],
			collect() {
				this.set(readings()?.isLeader() ? 1 : 0);
			},
		});
		new Gauge({
			name: 'paperboy_delivery_queue',
			help: 'Posts (a paper for a channel) waiting, by state; counted by the leader, 0 elsewhere',
			labelNames: ['state'] as const,
			registers: [this.registry],
			collect() {
				const sizes = readings()?.deliveryQueue();
				for (const state of DELIVERY_QUEUE_STATES) this.set({ state }, sizes?.[state] ?? 0);
			},
		});
		// Every series exists from the start at 0, so a rate over the first event is right and a dashboard has lines to draw.
		for (const outcome of ['posted', 'already_posted', 'rejected', 'failed', 'paused'] satisfies PostOutcome[])
			this.#posts.inc({ outcome }, 0);
	}

	/** The parts the gauges read from now on. */
	watch(readings: MetricReadings): void {
		this.#readings = readings;
	}

	countInteraction(kind: InteractionKind, command: string, outcome: InteractionOutcome, seconds: number): void {
		this.#interactions.inc({ kind, command, outcome });
		this.#interactionSeconds.observe({ kind, command }, seconds);
	}

	timeSearch(operation: SearchOperation, seconds: number): void {
		this.#searchSeconds.observe({ operation }, seconds);
	}

	countPost(outcome: PostOutcome): void {
		this.#posts.inc({ outcome });
	}

	countRateLimit(): void {
		this.#rateLimited.inc();
	}

	countPoll(source: string, outcome: PollOutcome): void {
		this.#polls.inc({ source, outcome });
	}

	/** The Prometheus text exposition of every metric. */
	text(): Promise<string> {
		return this.registry.metrics();
	}

	get contentType(): string {
		return this.registry.contentType;
	}
}
