// Run by http-source.test.ts in a process of its own: once the source and the server are
// closed, nothing may keep the process alive, neither the poll timer nor the request timeout.
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '../../../src/logger.ts';
import { HttpPaperSource } from '../../../src/sources/http/http-source.ts';
import { parseHuggingFaceDaily } from '../../../src/sources/http/hugging-face.ts';
import { hang, startFeedServer } from './feed-server.ts';

const server = await startFeedServer(hang);
const source = new HttpPaperSource({
	name: 'test',
	url: server.url,
	parse: parseHuggingFaceDaily,
	intervalMs: 60_000,
	timeoutMs: 60_000,
	logger: createLogger('silent'),
});
source.start(async () => {});
while (server.seen.length === 0) await sleep(10);
await source.close();
await server.close();
