/**
 * The container's HEALTHCHECK (`node src/healthcheck.ts`): asks the running bot's /readyz, on the
 * METRICS_PORT and METRICS_HOST the container was given, and exits 0 when it is ready, 1 when not,
 * printing its answer (Docker keeps it: `docker inspect --format '{{json .State.Health}}'`).
 * Node's own fetch, since the image has no curl; nothing else is loaded, so a probe costs little.
 */
const port = process.env.METRICS_PORT?.trim();
const host = process.env.METRICS_HOST?.trim() || '127.0.0.1';
// A bot listening on every interface is reached on the loopback; an IPv6 address needs brackets in a URL.
const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;

if (!port || port === '0') {
	console.error('METRICS_PORT is not set to a port: the bot serves no /readyz to ask (the image sets 9464)');
	process.exit(1);
}
const url = `http://${reachable}:${port}/readyz`;
try {
	const response = await fetch(url, { signal: AbortSignal.timeout(4_000) });
	console.log((await response.text()).trim());
	process.exit(response.status === 200 ? 0 : 1);
} catch (error) {
	const cause = (error as Error).cause as NodeJS.ErrnoException | undefined;
	console.error(`no answer from ${url}: ${cause?.code ?? (error as Error).message}`);
	process.exit(1);
}
