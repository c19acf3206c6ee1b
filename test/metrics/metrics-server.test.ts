import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { startMetricsServer, type MetricsServer } from '../../src/metrics/metrics-server.ts';
import { Metrics } from '../../src/metrics/metrics.ts';
import { Readiness } from '../../src/metrics/readiness.ts';
import { openStorage } from '../../src/storage/storage.ts';
import { parsePrometheus, scrape } from '../support/prometheus-text.ts';

const servers: MetricsServer[] = [];
afterEach(async () => {
	for (const server of servers.splice(0)) await server.close();
});

/** A server on a free port of 127.0.0.1, with its log lines. */
async function serve(options: { port?: number; metrics?: Metrics; readiness?: Readiness } = {}) {
	const lines: Record<string, unknown>[] = [];
	const sink = new Writable({
		write(chunk: Buffer, _encoding, done) {
			lines.push(
				...chunk
					.toString()
					.split('\n')
					.filter(Boolean)
					.map((line) => JSON.parse(line) as Record<string, unknown>),
			);
			done();
		},
	});
	const metrics = options.metrics ?? new Metrics();
	const readiness = options.readiness ?? new Readiness();
	const server = await startMetricsServer({
		host: '127.0.0.1',
		port: options.port ?? 0,
		metrics,
		readiness,
		logger: createLogger('info', sink),
	});
	servers.push(server);
	return { server, metrics, readiness, lines, get: (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init) };
}

describe('the health and metrics server', () => {
	it('says it runs at /healthz, and logs where it listens', async () => {
		const { server, get, lines } = await serve();
		const response = await get('/healthz');
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ ok: true });
		const port = Number(new URL(server.url).port);
		expect(port).toBeGreaterThan(0);
		expect(lines.find((line) => line.event === 'metrics_listening')).toMatchObject({ host: '127.0.0.1', port, url: server.url });
		// Probes often use HEAD; it gets the status without a body.
		const head = await get('/readyz', { method: 'HEAD' });
		expect([head.status, await head.text()]).toEqual([503, '']);
	});

	it('answers unknown paths 404 and other methods 405, saying what there is', async () => {
		const { get } = await serve();
		const missing = await get('/health');
		expect(missing.status).toBe(404);
		expect(await missing.json()).toEqual({ error: 'not found: try /healthz, /readyz or /metrics' });
		for (const method of ['POST', 'PUT', 'DELETE']) {
			const refused = await get('/metrics', { method });
			expect(refused.status, method).toBe(405);
			expect(refused.headers.get('allow')).toBe('GET, HEAD');
		}
		// A query string is no different path.
		expect((await get('/healthz?probe=1')).status).toBe(200);
	});

	it('is not ready while starting, saying at which step, then ready once started with the store answering', async () => {
		const { readiness, get } = await serve();
		expect([(await get('/readyz')).status, await (await get('/readyz')).json()]).toEqual([503, { ready: false, reason: 'starting' }]);
		readiness.waitFor('loading the papers and their index');
		expect(await (await get('/readyz')).json()).toEqual({ ready: false, reason: 'loading the papers and their index' });
		const storage = await openStorage('memory://');
		let discord: string | undefined = 'not connected to Discord yet';
		readiness.started({ probeStore: () => storage.probe(), storeLocation: storage.location, discordProblem: () => discord });
		expect(await (await get('/readyz')).json()).toEqual({ ready: false, reason: 'not connected to Discord yet' });
		discord = undefined;
		const ready = await get('/readyz');
		expect([ready.status, await ready.json()]).toEqual([200, { ready: true }]);
		readiness.waitFor('shutting down');
		expect((await get('/readyz')).status).toBe(503);
		await storage.close();
	});

	it('serves every metric in Prometheus text, the default process metrics among them', async () => {
		const { server, metrics } = await serve();
		const before = await scrape(server.url);
		for (const family of ['paperboy_papers', 'paperboy_leader', 'paperboy_delivery_queue']) expect(before.types.get(family)).toBe('gauge');
		for (const family of [
			'paperboy_interactions_total',
			'paperboy_posts_total',
			'paperboy_rate_limited_total',
			'paperboy_source_polls_total',
		])
			expect(before.types.get(family)).toBe('counter');
		for (const family of ['paperboy_interaction_seconds', 'paperboy_search_seconds']) expect(before.types.get(family)).toBe('histogram');
		expect(before.types.get('process_cpu_user_seconds_total')).toBe('counter');
		expect(before.types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
		// Before the parts are watched (during start-up) the gauges read 0, and every post outcome is there at 0.
		expect(before.value('paperboy_papers')).toBe(0);
		expect(before.samples('paperboy_delivery_queue').map(({ labels }) => labels.state)).toEqual([
			'queued',
			'sending',
			'retrying',
			'paused',
		]);
		expect(before.samples('paperboy_posts_total').every(({ value }) => value === 0)).toBe(true);

		metrics.watch({
			papers: async () => 675,
			isLeader: () => true,
			deliveryQueue: () => ({ queued: 3, sending: 2, retrying: 1, paused: 0 }),
		});
		metrics.countInteraction('command', '/paper search', 'ok', 0.03);
		metrics.countInteraction('command', '/paper search', 'user_error', 0.002);
		metrics.timeSearch('search', 0.004);
		metrics.countPost('posted');
		metrics.countRateLimit();
		metrics.countPoll('arXiv', 'failed');
		const after = await scrape(server.url);
		expect(after.value('paperboy_papers')).toBe(675);
		expect(after.value('paperboy_leader')).toBe(1);
		expect(after.value('paperboy_delivery_queue', { state: 'sending' })).toBe(2);
		expect(after.value('paperboy_interactions_total', { kind: 'command', command: '/paper search', outcome: 'ok' })).toBe(1);
		expect(after.value('paperboy_interaction_seconds_count', { kind: 'command', command: '/paper search' })).toBe(2);
		expect(after.value('paperboy_interaction_seconds_bucket', { kind: 'command', command: '/paper search', le: '0.005' })).toBe(1);
		expect(after.value('paperboy_search_seconds_bucket', { operation: 'search', le: '+Inf' })).toBe(1);
		expect(after.value('paperboy_posts_total', { outcome: 'posted' })).toBe(1);
		expect(after.value('paperboy_rate_limited_total')).toBe(1);
		expect(after.value('paperboy_source_polls_total', { source: 'arXiv', outcome: 'failed' })).toBe(1);
	});

	it('answers 500 and logs why when a reading fails, and goes on serving', async () => {
		const { server, metrics, lines, get } = await serve();
		metrics.watch({
			papers: () => Promise.reject(new Error('the search thread stopped')),
			isLeader: () => false,
			deliveryQueue: () => ({ queued: 0, sending: 0, retrying: 0, paused: 0 }),
		});
		expect((await get('/metrics')).status).toBe(500);
		expect(lines.find((line) => line.event === 'metrics_request_failed')).toMatchObject({ err: { message: 'the search thread stopped' } });
		metrics.watch({
			papers: async () => 1,
			isLeader: () => false,
			deliveryQueue: () => ({ queued: 0, sending: 0, retrying: 0, paused: 0 }),
		});
		expect((await scrape(server.url)).value('paperboy_leader')).toBe(0);
	});

	it('refuses to start on a port in use, naming the variables to change', async () => {
		const { server } = await serve();
		const port = Number(new URL(server.url).port);
		await expect(serve({ port })).rejects.toThrow(
			`cannot serve health and metrics on METRICS_HOST:METRICS_PORT (127.0.0.1:${port}): another program (perhaps another Paperboy) listens there`,
		);
	});
});

describe('the Prometheus text reader the tests use', () => {
	it('refuses what a scraper would refuse', () => {
		expect(() => parsePrometheus('paperboy_papers 1\n')).toThrow(/before its # TYPE/);
		expect(() => parsePrometheus('# TYPE x gauge\nx{a=b} 1\n')).toThrow(/unreadable labels/);
		expect(() => parsePrometheus('# TYPE x gauge\nx one\n')).toThrow(/not a number/);
		expect(parsePrometheus('# TYPE x histogram\nx_bucket{le="+Inf"} 2\nx_count 2\n').value('x_bucket', { le: '+Inf' })).toBe(2);
	});
});
