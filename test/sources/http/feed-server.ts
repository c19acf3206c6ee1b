import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Answer = (request: IncomingMessage, response: ServerResponse) => void;

export interface SeenRequest {
	readonly path: string;
	readonly at: number;
	readonly userAgent: string | undefined;
	/** The client went away before the answer was complete. */
	abandoned: boolean;
}

/** A real HTTP server on 127.0.0.1 that answers from a queue of answers, then with `fallback`. */
export interface FeedServer {
	readonly url: string;
	readonly seen: SeenRequest[];
	readonly queue: Answer[];
	fallback: Answer;
	/** Milliseconds between consecutive requests. */
	gaps(): number[];
	close(): Promise<void>;
}

export async function startFeedServer(fallback: Answer): Promise<FeedServer> {
	const seen: SeenRequest[] = [];
	const queue: Answer[] = [];
	const server = createServer((request, response) => {
		const record: SeenRequest = {
			path: request.url ?? '',
			at: performance.now(),
			userAgent: request.headers['user-agent'],
			abandoned: false,
		};
		seen.push(record);
		response.on('close', () => {
			record.abandoned = !response.writableFinished;
		});
		(queue.shift() ?? feed.fallback)(request, response);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const feed: FeedServer = {
		url: `http://127.0.0.1:${port}`,
		seen,
		queue,
		fallback,
		gaps: () => seen.slice(1).map((request, i) => request.at - seen[i]!.at),
		close: () => {
			if (!server.listening) return Promise.resolve();
			server.closeAllConnections();
			return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
		},
	};
	return feed;
}

export function ok(body: string | Buffer, contentType = 'application/json'): Answer {
	return (_request, response) => response.writeHead(200, { 'content-type': contentType }).end(body);
}

export function status(code: number, headers: Record<string, string> = {}): Answer {
	return (_request, response) => response.writeHead(code, { 'content-type': 'text/plain', ...headers }).end(`status ${code}`);
}

/** Accepts the request and never answers. */
export const hang: Answer = () => {};
