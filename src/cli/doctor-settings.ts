import { createServer } from 'node:net';
import type { Config } from '../config.ts';
import { listenProblem } from '../metrics/metrics-server.ts';
import { FEEDS } from '../sources/feeds.ts';
import { storageKind } from '../storage/kinds.ts';
import type { Finding } from './doctor-command.ts';

// What a valid configuration turns on, described rather than tried: feeds and sharding need the
// network. The metrics port alone is tried, as the bot will listen on it.

const and = (items: readonly string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : items.join(''));

export function checkFeeds(config: Config): Finding {
	const feeds = config.feeds.map(({ feed, url }) => `${feed.envVar} (${new URL(url).host})`);
	if (feeds.length === 0) {
		const variables = and(FEEDS.map((feed) => feed.envVar));
		return { check: 'feeds', status: 'ok', message: `${variables} unset: new papers come only from the papers folder` };
	}
	return {
		check: 'feeds',
		status: 'ok',
		message: `${and(feeds)} set, polled every ${config.sourcePollMinutes} minutes (not fetched by doctor)`,
	};
}

export function checkSharding(config: Config): Finding {
	if (config.shardCount === undefined)
		return { check: 'sharding', status: 'ok', message: 'SHARD_COUNT unset: the bot runs unsharded, in one process' };
	const total = config.shardCount === 'auto' ? 'as many shards as Discord recommends' : `${config.shardCount} shards`;
	if (config.shardIds === undefined)
		return { check: 'sharding', status: 'ok', message: `SHARD_COUNT=${config.shardCount}: ${total}, all run by this process` };
	const storage = storageKind(config.storageUrl);
	return {
		check: 'sharding',
		status: 'ok',
		message: `SHARDS=${config.shardIds.join(',')} of ${total}: the other shards run elsewhere, sharing the ${storage} storage`,
	};
}

/** Whether the bot could open METRICS_PORT now: listened on for a moment, then let go. */
export async function checkMetrics(config: Config): Promise<Finding> {
	const { metricsPort: port, metricsHost: host } = config;
	if (port === undefined) return { check: 'metrics', status: 'ok', message: 'METRICS_PORT unset: no health or metrics endpoint' };
	const problem = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
		const server = createServer();
		server.once('error', resolve);
		server.listen(port, host, () => server.close(() => resolve(undefined)));
	});
	const where = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	if (!problem) return { check: 'metrics', status: 'ok', message: `/healthz, /readyz and /metrics will answer at ${where}` };
	if (problem.code === 'EADDRINUSE')
		return {
			check: 'metrics',
			status: 'warning',
			message: `${where} is in use: by this bot if it is running (then ${where}/readyz answers), otherwise the bot cannot start`,
			fix: 'stop what listens there, or choose another METRICS_PORT',
		};
	return {
		check: 'metrics',
		status: 'problem',
		message: listenProblem(problem, host, port).message,
		fix: 'change METRICS_HOST or METRICS_PORT in .env',
	};
}
