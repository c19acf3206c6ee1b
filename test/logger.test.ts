import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DiscordAPIError, HTTPError, REST, Routes } from 'discord.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError } from '../src/delivery/post-sink.ts';
import { createLogger, type Logger } from '../src/logger.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const LOG_LINE = `import { createLogger } from './src/logger.ts'; createLogger('info').info({ event: 'ready', discordToken: 'SECRET-TOKEN', papers: 3 }, 'Paperboy is ready');`;

/** Runs the logger in a child whose stdout is a terminal (through script(1)) or a pipe. */
function logOnce(env: Record<string, string>, terminal: boolean): string {
	const node = `${process.execPath} --input-type=module -e "${LOG_LINE}"`;
	const options = { cwd: ROOT, env: { PATH: process.env.PATH!, ...env }, encoding: 'utf8' as const };
	return terminal ? execFileSync('script', ['-qec', node, '/dev/null'], options) : execFileSync('sh', ['-c', node], options);
}

/** The real logger, writing into memory: the raw output (what a collector would store) and its lines. */
function memoryLogger(): { logger: Logger; raw: () => string; lines: () => Record<string, unknown>[] } {
	const written: string[] = [];
	const logger = createLogger('debug', { write: (line: string) => void written.push(line) });
	return {
		logger,
		raw: () => written.join(''),
		lines: () => written.map((line) => JSON.parse(line) as Record<string, unknown>),
	};
}

// Shaped like Discord's: an interaction token is base64url of "interaction:<id>:<secret>".
const INTERACTION_ID = '1234567890123456789';
const INTERACTION_TOKEN = `aW50ZXJhY3Rpb246${INTERACTION_ID}OnNlY3JldC1pbnRlcmFjdGlvbi10b2tlbg`;
const APP_ID = '987654321098765432';
const WEBHOOK_TOKEN = 'c2VjcmV0LXdlYmhvb2stdG9rZW4tZm9yLXRoZS1vcmlnaW5hbC1yZXBseQ';
const SECRETS = [INTERACTION_TOKEN, WEBHOOK_TOKEN];
/** In the request bodies only: a log must not hold what was sent. */
const BODY_MARKER = 'REQUEST-BODY-MARKER';
const callbackUrl = (token = INTERACTION_TOKEN) =>
	`https://discord.com/api/v10/interactions/${INTERACTION_ID}/${token}/callback?with_response=false`;
const originalUrl = `https://discord.com/api/v10/webhooks/${APP_ID}/${WEBHOOK_TOKEN}/messages/@original`;
const requestBody = {
	files: [{ name: 'papers.txt', data: Buffer.from(BODY_MARKER), contentType: 'text/plain' }],
	body: { type: 4, data: { content: `results ${BODY_MARKER}` } },
};

const unknownInteraction = (token?: string) =>
	new DiscordAPIError({ code: 10062, message: 'Unknown interaction' }, 10062, 404, 'POST', callbackUrl(token), requestBody);
const invalidForm = () =>
	new DiscordAPIError(
		{
			code: 50035,
			message: 'Invalid Form Body',
			errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Too long' }] } },
		},
		50035,
		400,
		'PATCH',
		originalUrl,
		requestBody,
	);
const serverError = () => new HTTPError(503, 'Service Unavailable', 'PATCH', originalUrl, requestBody);

/** No token, no request body, none of the fields that carry them (`url` too, unless a line logs one itself). */
function expectSafe(raw: string, { urls = false } = {}): void {
	expect(raw).not.toBe('');
	for (const secret of SECRETS) expect(raw).not.toContain(secret);
	expect(raw).not.toContain(BODY_MARKER);
	expect(raw).not.toMatch(/"(requestBody|rawError|headers|files)":/);
	if (!urls) expect(raw).not.toContain('"url":');
}

describe('logging', () => {
	it('writes readable lines to a terminal outside production, JSON otherwise, the token redacted in both', () => {
		const readable = logOnce({}, true);
		expect(readable).toMatch(/INFO.*Paperboy is ready/);
		expect(readable).not.toContain('{"level"');
		const production = logOnce({ NODE_ENV: 'production' }, true);
		expect(JSON.parse(production.trim().split('\n').at(-1)!)).toMatchObject({
			event: 'ready',
			papers: 3,
			discordToken: '[redacted]',
		});
		expect(JSON.parse(logOnce({}, false).trim())).toMatchObject({ event: 'ready' });
		for (const output of [readable, production]) expect(output).not.toContain('SECRET-TOKEN');
	});
});

describe('logging errors', () => {
	it("keeps what says what went wrong of a discord.js DiscordAPIError, without the interaction's token or the request", () => {
		const { logger, raw, lines } = memoryLogger();
		logger.error({ event: 'interaction_failed', err: unknownInteraction() }, 'interaction failed');
		expectSafe(raw());
		expect(lines()[0]!.err).toEqual({
			type: 'DiscordAPIError',
			name: 'DiscordAPIError[10062]',
			message: 'Unknown interaction',
			code: 10062,
			status: 404,
			method: 'POST',
			path: `/api/v10/interactions/${INTERACTION_ID}/[token]/callback`,
			stack: expect.stringMatching(/^DiscordAPIError\[10062\]: Unknown interaction\n\s+at /),
		});
	});

	it("keeps Discord's explanation of a refused webhook edit, and an HTTPError's status, without the webhook's token", () => {
		const { logger, raw, lines } = memoryLogger();
		logger.warn({ event: 'refused', err: invalidForm() });
		logger.warn({ event: 'unavailable', err: serverError() });
		expectSafe(raw());
		const [refused, unavailable] = lines();
		expect(refused).toMatchObject({
			event: 'refused',
			err: {
				type: 'DiscordAPIError',
				code: 50035,
				status: 400,
				method: 'PATCH',
				path: `/api/v10/webhooks/${APP_ID}/[token]/messages/@original`,
			},
		});
		expect((refused!.err as { message: string }).message).toBe('Invalid Form Body\ncontent[BASE_TYPE_MAX_LENGTH]: Too long');
		// Without a message of its own, pino takes the error's; it is scrubbed like the rest.
		expect(refused!.msg).toBe('Invalid Form Body\ncontent[BASE_TYPE_MAX_LENGTH]: Too long');
		expect(unavailable!.err).toMatchObject({ type: 'HTTPError', message: 'Service Unavailable', status: 503, method: 'PATCH' });
	});

	it('follows the chain of causes, and finds errors under `error`, under other keys, in child bindings and as the only argument', () => {
		const { logger, raw, lines } = memoryLogger();
		const wrapped = new DeliveryError('transient', 'Discord answered HTTP 503 to a post in channel 1', { cause: serverError() });
		logger.warn({ event: 'wrapped', err: new Error('could not post', { cause: wrapped }) });
		logger.warn({ event: 'as_error', error: unknownInteraction() });
		logger.warn({ event: 'elsewhere', storeError: invalidForm(), details: { failures: [serverError()], err: unknownInteraction() } });
		logger.child({ err: unknownInteraction() }).warn({ event: 'bound' });
		logger.error(invalidForm());
		logger.error(new AggregateError([unknownInteraction(), serverError()], 'both failed'));
		expectSafe(raw());
		const [chained, asError, elsewhere, bound, only, aggregate] = lines();
		expect(chained!.err).toMatchObject({
			type: 'Error',
			message: 'could not post',
			cause: { type: 'DeliveryError', cause: { type: 'HTTPError', status: 503, path: expect.stringContaining('/[token]/') } },
		});
		expect(asError!.error).toMatchObject({ type: 'DiscordAPIError', code: 10062 });
		expect(elsewhere).toMatchObject({
			storeError: { code: 50035 },
			details: { failures: [{ type: 'HTTPError', status: 503 }], err: { code: 10062 } },
		});
		expect(bound!.err).toMatchObject({ code: 10062, method: 'POST' });
		expect(only!.err).toMatchObject({ code: 50035 });
		expect(aggregate!.err).toMatchObject({ type: 'AggregateError', errors: [{ code: 10062 }, { status: 503 }] });
	});

	it('gives anything thrown that is not an Error the same safe shape, and scrubs tokens from every string', () => {
		const { logger, raw, lines } = memoryLogger();
		const thrownObject = { code: 10062, url: callbackUrl(), requestBody: { json: BODY_MARKER }, rawError: { message: BODY_MARKER } };
		logger.error({ event: 'object', err: thrownObject });
		logger.error({ event: 'string', err: `failed at ${callbackUrl()}` });
		logger.error({ event: 'nothing', err: null });
		logger.warn({ event: 'description', error: `could not reach ${originalUrl}` });
		logger.info({ event: 'text', url: callbackUrl(), nested: [{ webhook: originalUrl }] }, `answering ${callbackUrl()}`);
		const circular = new Error('circular');
		circular.cause = circular;
		logger.error({ event: 'circular', err: circular });
		expectSafe(raw(), { urls: true });
		const [object, string, nothing, description, text, loop] = lines();
		expect(object!.err).toEqual({
			type: 'Object',
			message: 'a thrown Object, not an Error',
			code: 10062,
			path: `/api/v10/interactions/${INTERACTION_ID}/[token]/callback`,
			keys: ['code', 'url', 'requestBody', 'rawError'],
		});
		expect(string!.err).toEqual({ type: 'string', message: `failed at ${callbackUrl('[token]')}` });
		expect(nothing!.err).toEqual({ type: 'null', message: 'null' });
		expect(description!.error).toBe(`could not reach https://discord.com/api/v10/webhooks/${APP_ID}/[token]/messages/@original`);
		expect(text).toMatchObject({ url: callbackUrl('[token]'), msg: `answering ${callbackUrl('[token]')}` });
		expect(loop!.err).toMatchObject({ message: 'circular', cause: { message: expect.stringMatching(/not followed/) } });
	});

	it('never logs an interaction token, whatever it looks like', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^[A-Za-z0-9_.-]{30,120}$/), (token) => {
				const { logger, raw } = memoryLogger();
				logger.error({ err: new Error('reply failed', { cause: unknownInteraction(token) }) }, `replying to ${callbackUrl(token)}`);
				expect(raw()).not.toContain(token);
			}),
			{ numRuns: 200 },
		);
	});

	describe("what discord.js's REST rejects with, from a server on 127.0.0.1", () => {
		let server: Server;
		let rest: REST;
		beforeAll(async () => {
			server = createServer((request, response) => {
				request.resume();
				if (request.url!.includes('/interactions/')) {
					response.writeHead(404, { 'content-type': 'application/json' });
					response.end(JSON.stringify({ message: 'Unknown interaction', code: 10062 }));
				} else {
					response.writeHead(502, { 'content-type': 'text/plain' });
					response.end('bad gateway');
				}
			});
			server.listen(0, '127.0.0.1');
			await once(server, 'listening');
			const { port } = server.address() as AddressInfo;
			// No retries: a 5xx is thrown at once. No sweepers: nothing keeps running after the test.
			rest = new REST({ api: `http://127.0.0.1:${port}/api`, retries: 0, handlerSweepInterval: 0, hashSweepInterval: 0 });
		});
		afterAll(() => new Promise((resolve) => server.close(resolve)));

		it('logs an interaction callback and a webhook edit that failed, without their tokens or bodies', async () => {
			const callback = await rest
				.post(Routes.interactionCallback(INTERACTION_ID, INTERACTION_TOKEN), { body: requestBody.body, auth: false })
				.catch((error: unknown) => error);
			const edit = await rest
				.patch(Routes.webhookMessage(APP_ID, WEBHOOK_TOKEN), { body: requestBody.body, files: requestBody.files, auth: false })
				.catch((error: unknown) => error);
			// These are what discord.js gives the bot, url and request body included.
			expect(callback).toBeInstanceOf(DiscordAPIError);
			expect(edit).toBeInstanceOf(HTTPError);
			expect(JSON.stringify(callback)).toContain(INTERACTION_TOKEN);
			expect(JSON.stringify(edit)).toContain(WEBHOOK_TOKEN);

			const { logger, raw, lines } = memoryLogger();
			logger.error({ event: 'interaction_failed', err: callback });
			logger.warn({ event: 'edit_failed', err: edit });
			expectSafe(raw());
			expect(lines().map((line) => line.err)).toEqual([
				expect.objectContaining({
					type: 'DiscordAPIError',
					code: 10062,
					status: 404,
					method: 'POST',
					path: `/api/v10/interactions/${INTERACTION_ID}/[token]/callback`,
				}),
				expect.objectContaining({
					type: 'HTTPError',
					status: 502,
					method: 'PATCH',
					path: `/api/v10/webhooks/${APP_ID}/[token]/messages/@original`,
				}),
			]);
		});
	});
});
