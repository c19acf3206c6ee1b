import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { startMetricsServer } from './metrics-server.ts';
import { Metrics } from './metrics.ts';
import { Readiness } from './readiness.ts';

/** What start-up reports its progress and its parts to; the metrics and the server only with METRICS_PORT set. */
export interface Observability {
	readonly metrics: Metrics | undefined;
	readonly readiness: Readiness;
	/** Where /healthz, /readyz and /metrics answer, when they do. */
	readonly url: string | undefined;
	close(): Promise<void>;
}

/** Opens the health and metrics server before anything else starts, so that a slow start says what it waits for. */
export async function startObservability(config: Config, logger: Logger): Promise<Observability> {
	const readiness = new Readiness();
	if (config.metricsPort === undefined) return { metrics: undefined, readiness, url: undefined, close: async () => {} };
	const metrics = new Metrics();
	const server = await startMetricsServer({ host: config.metricsHost, port: config.metricsPort, metrics, readiness, logger });
	return { metrics, readiness, url: server.url, close: () => server.close() };
}
