import type { Config } from '../config.ts';
import { FEEDS } from '../sources/feeds.ts';
import { storageKind } from '../storage/kinds.ts';
import type { Finding } from './doctor-command.ts';

// What a valid configuration turns on, described rather than tried: feeds and sharding need the network.

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
