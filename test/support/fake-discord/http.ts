import type { IncomingMessage, ServerResponse } from 'node:http';
import { Errors, invalidForm } from './errors.ts';
import type { FormProblem, Reply } from './errors.ts';
import { takeHold } from './hold.ts';
import { bucketOf, failureReply, majorParameter, rateLimitHeaders, takeFromWindow } from './rate-limit.ts';
import { specProblems } from './openapi.ts';
import type { Route, RouteContext, Router } from './router.ts';
import type { FakeState } from './state.ts';
import { requestMatches } from './state.ts';
import type { RecordedFile, RecordedRequest } from './types.ts';

const PREFIX = '/api/v10';

async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** JSON, or multipart with `payload_json` and `files[n]` parts (how discord.js sends attachments). */
async function parseBody(contentType: string | undefined, raw: Buffer): Promise<{ body: unknown; files: RecordedFile[] }> {
	if (raw.length === 0) return { body: undefined, files: [] };
	if (contentType?.startsWith('multipart/form-data')) {
		const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
		const files: RecordedFile[] = [];
		let body: unknown;
		for (const [field, value] of form.entries()) {
			if (typeof value === 'string') {
				if (field === 'payload_json') body = JSON.parse(value);
				continue;
			}
			files.push({ field, name: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
		}
		return { body, files };
	}
	return { body: JSON.parse(raw.toString('utf8')), files: [] };
}

/**
 * What Discord would refuse in the body of a matched request: the spec's schema for the route's
 * operation, then the route's documented limits. Recorded as a violation (so the test fails at
 * close) even when the request is answered otherwise, by an injected failure say.
 */
function bodyProblems(state: FakeState, req: IncomingMessage, route: Route, ctx: RouteContext): FormProblem[] {
	const record = ctx.req;
	const multipart = req.headers['content-type']?.startsWith('multipart/form-data') ?? false;
	const fileFields = record.files.map((f) => f.field);
	const spec = specProblems({ method: route.method, template: route.pattern, body: record.body, multipart, fileFields });
	const limits = record.body === undefined ? [] : (route.limits?.(ctx) ?? []);
	const problems = [
		...spec.map((p) => ({ ...p, source: 'openapi' as const })),
		...limits.map((p) => ({ ...p, source: 'documented limit' as const })),
	];
	if (problems.length > 0)
		state.specViolations.push({
			method: record.method,
			path: record.path,
			operation: `${route.method} ${route.pattern}`,
			problems,
			body: record.body,
		});
	return problems.map(({ path, code, message }) => ({ path, code, message }));
}

async function answer(
	state: FakeState,
	router: Router,
	req: IncomingMessage,
	record: RecordedRequest,
	raw: Buffer,
	versioned: boolean,
): Promise<Reply> {
	let badBody = false;
	try {
		const parsed = await parseBody(req.headers['content-type'], raw);
		record.body = parsed.body;
		record.files = parsed.files;
	} catch {
		badBody = true;
	}
	const found = versioned ? router.match(record.method, record.path) : null;
	const body = record.body !== null && typeof record.body === 'object' ? (record.body as Record<string, unknown>) : {};
	const ctx: RouteContext | null = found ? { state, req: record, params: found.params, body } : null;
	const problems = found && ctx && !badBody ? bodyProblems(state, req, found.route, ctx) : [];
	const bucket = bucketOf(record.method, found?.route.pattern ?? record.path);
	const rule = state.failures.find((r) => r.left > 0 && requestMatches(r, record));
	if (rule) {
		rule.left -= 1;
		return failureReply(rule, bucket);
	}
	if (!found || !ctx) {
		record.unknownRoute = true;
		return Errors.notFound();
	}
	if (found.route.auth && req.headers.authorization !== `Bot ${state.token}`) return Errors.unauthorized();
	if (badBody) return Errors.invalidJson();
	const limit = state.routeLimits.get(`${found.route.method} ${found.route.pattern}`);
	const window = limit ? takeFromWindow(state, limit, bucket, majorParameter(found.params)) : null;
	if (window?.refused) return window.refused;
	const reply = problems.length > 0 ? invalidForm(problems) : await found.route.handle(ctx);
	return { ...reply, headers: { ...(window?.headers ?? rateLimitHeaders(bucket)), ...reply.headers } };
}

/** Withholds the answer while a hold (holdNext) has it; false when it must be dropped instead (server closed). */
async function waitForRelease(state: FakeState, record: RecordedRequest, reply: Reply): Promise<boolean> {
	const hold = takeHold(state, record);
	if (!hold) return true;
	hold.take({ request: record, status: reply.status, body: reply.body });
	state.events.emit('change');
	const send = await hold.settled;
	state.heldNow.delete(hold);
	return send;
}

/** The node:http listener: records every request, applies injected failures and limits, routes, maybe holds, answers JSON. */
export function createRequestListener(state: FakeState, router: Router) {
	return (req: IncomingMessage, res: ServerResponse): void => {
		void (async () => {
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			const versioned = url.pathname.startsWith(`${PREFIX}/`);
			const path = (versioned ? url.pathname.slice(PREFIX.length) : url.pathname).split('/').map(decodeURIComponent).join('/');
			const record: RecordedRequest = {
				method: (req.method ?? 'GET').toUpperCase(),
				path,
				query: Object.fromEntries(url.searchParams),
				headers: req.headers,
				body: undefined,
				files: [],
				status: 0,
				unknownRoute: false,
				at: Date.now(),
			};
			state.requests.push(record);
			let reply: Reply;
			try {
				reply = await answer(state, router, req, record, await readBody(req), versioned);
			} catch (error) {
				console.error('FakeDiscord: route failed', record.method, record.path, error);
				reply = { status: 500, body: { message: '500: Internal Server Error', code: 0 } };
			}
			const send = await waitForRelease(state, record, reply);
			record.status = reply.status;
			if (!send || res.destroyed) {
				res.destroy();
				return void state.events.emit('change');
			}
			const headers: Record<string, string> = { ...reply.headers };
			if (reply.body !== undefined) headers['content-type'] = 'application/json';
			res.writeHead(reply.status, headers);
			res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
			state.events.emit('change');
		})();
	};
}
