import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.ts';
import type { Metrics } from './metrics.ts';
import type { Readiness } from './readiness.ts';

export interface MetricsServer {
	/** The address it listens on, with the port chosen when METRICS_PORT is 0: `http://127.0.0.1:9464`. */
	readonly url: string;
	close(): Promise<void>;
}

export interface MetricsServerOptions {
	readonly host: string;
	/** 0: any free port. */
	readonly port: number;
	readonly metrics: Metrics;
	readonly readiness: Readiness;
	readonly logger: Logger;
}

/** Why the port cannot be listened on, in the words of the variables that chose it. */
export function listenProblem(error: NodeJS.ErrnoException, host: string, port: number): Error {
	const where = `METRICS_HOST:METRICS_PORT (${host}:${port})`;
	const reasons: Record<string, string> = {
		EADDRINUSE: 'another program (perhaps another Paperboy) listens there: choose a free METRICS_PORT, or unset it',
		EADDRNOTAVAIL: 'that address is not one of this machine’s: use 127.0.0.1, 0.0.0.0 or an address of one of its interfaces',
		ENOTFOUND: 'that host name does not resolve: use an address such as 127.0.0.1',
		EACCES: 'ports below 1024 need privileges: choose a METRICS_PORT above 1023',
	};
	return new Error(`cannot serve health and metrics on ${where}: ${reasons[error.code ?? ''] ?? error.message}`, { cause: error });
}

function send(response: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
	response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
	response.end(body);
}

const json = (response: ServerResponse, status: number, body: unknown) =>
	send(response, status, 'application/json; charset=utf-8', `${JSON.stringify(body)}\n`);

/**
 * The operator's window on a running bot, on node:http: /healthz (the process runs), /readyz
 * (it can do its work; 503 and the reason when not) and /metrics (Prometheus text). Started first
 * at start-up, so a long index build answers "not ready: loading the papers" instead of nothing.
 */
export async function startMetricsServer({ host, port, metrics, readiness, logger }: MetricsServerOptions): Promise<MetricsServer> {
	const routes: Record<string, (response: ServerResponse) => Promise<void> | void> = {
		'/healthz': (response) => json(response, 200, { ok: true }),
		'/readyz': async (response) => {
			const report = await readiness.check();
			json(response, report.ready ? 200 : 503, report);
		},
		'/metrics': async (response) => send(response, 200, metrics.contentType, await metrics.text()),
	};
	const handle = async (request: IncomingMessage, response: ServerResponse) => {
		const route = routes[new URL(request.url ?? '/', 'http://metrics').pathname];
		if (!route) return json(response, 404, { error: 'not found: try /healthz, /readyz or /metrics' });
		if (request.method !== 'GET' && request.method !== 'HEAD')
			return send(response, 405, 'application/json; charset=utf-8', '{"error":"only GET and HEAD"}\n', { allow: 'GET, HEAD' });
		await route(response);
	};
	const server = createServer((request, response) => {
		handle(request, response).catch((error: unknown) => {
			logger.warn({ event: 'metrics_request_failed', err: error, path: request.url }, 'could not answer a health or metrics request');
			if (!response.headersSent) json(response, 500, { error: 'could not gather the answer; see the bot’s log' });
			else response.destroy();
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', (error: NodeJS.ErrnoException) => reject(listenProblem(error, host, port)));
		server.listen(port, host, () => resolve());
	});
	const address = server.address() as AddressInfo;
	const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
	logger.info({ event: 'metrics_listening', host: address.address, port: address.port, url }, `health and metrics at ${url}`);
	return {
		url,
		close: () =>
			new Promise<void>((resolve, reject) => {
				// A scraper's kept-alive connection must not hold the shut-down.
				server.closeAllConnections();
				server.close((error) => (error ? reject(error) : resolve()));
			}),
	};
}
