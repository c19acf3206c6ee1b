import type { FormProblem, Reply } from './errors.ts';
import type { FakeState } from './state.ts';
import type { RecordedRequest } from './types.ts';

export interface RouteContext {
	state: FakeState;
	req: RecordedRequest;
	/** The template's parameters by their spec names: `channel_id`, `interaction_token`... */
	params: Record<string, string>;
	/** Body as an object (empty object when there is none or it is not an object). */
	body: Record<string, unknown>;
}

export interface Route {
	method: string;
	/**
	 * The path template exactly as Discord's OpenAPI spec names it (a key of its `paths`), like
	 * `/channels/{channel_id}/messages`; `{name}` matches one path segment. The fake refuses to
	 * start when the spec has no such operation.
	 */
	pattern: string;
	/** Whether `Authorization: Bot <token>` is required (false for interaction and webhook-token routes). */
	auth: boolean;
	handle: (ctx: RouteContext) => Reply | Promise<Reply>;
	/** Discord's documented limits that the spec does not express, checked after it (see validate.ts). */
	limits?: (ctx: RouteContext) => FormProblem[];
}

export function route(method: string, pattern: string, handle: Route['handle'], auth = true, limits?: Route['limits']): Route {
	return limits ? { method, pattern, auth, handle, limits } : { method, pattern, auth, handle };
}

/** One segment of a template: a literal, or a parameter's name. */
type Segment = { literal: string } | { param: string };

interface Compiled extends Route {
	segments: Segment[];
}

function segmentsOf(pattern: string): Segment[] {
	return pattern
		.split('/')
		.slice(1)
		.map((part) => {
			const param = /^\{(\w+)\}$/.exec(part)?.[1];
			if (param) return { param };
			if (/[{}]/.test(part)) throw new Error(`FakeDiscord: a parameter must be a whole segment: ${pattern}`);
			return { literal: part };
		});
}

/** The params of `path` under `segments`, or null: literals match exactly, a parameter one non-empty segment. */
function matchSegments(segments: Segment[], path: string): Record<string, string> | null {
	const parts = path.split('/').slice(1);
	if (!path.startsWith('/') || parts.length !== segments.length) return null;
	const params: Record<string, string> = {};
	for (const [i, segment] of segments.entries()) {
		const part = parts[i]!;
		if ('literal' in segment) {
			if (part !== segment.literal) return null;
		} else if (part === '') return null;
		else params[segment.param] = part;
	}
	return params;
}

/** Whether `a` is more specific than `b`: a literal where `b` has a parameter, at the first segment they differ in kind. */
function moreSpecific(a: Segment[], b: Segment[]): boolean {
	for (const [i, segment] of a.entries()) {
		const other = b[i]!;
		if ('literal' in segment !== 'literal' in other) return 'literal' in segment;
	}
	return false;
}

export class Router {
	private readonly compiled: Compiled[] = [];

	add(...routes: Route[]): this {
		for (const r of routes) {
			if (this.compiled.some((c) => c.method === r.method && c.pattern === r.pattern))
				throw new Error(`FakeDiscord: route ${r.method} ${r.pattern} twice`);
			this.compiled.push({ ...r, segments: segmentsOf(r.pattern) });
		}
		return this;
	}

	get routes(): readonly Route[] {
		return this.compiled;
	}

	/**
	 * The route for a request and its params, or null. Matching is exact (no trailing slash, every
	 * segment), and a literal wins over a parameter, as with OpenAPI: `/messages/@original` before `/messages/{message_id}`.
	 */
	match(method: string, path: string): { route: Route; params: Record<string, string> } | null {
		let best: { route: Compiled; params: Record<string, string> } | null = null;
		for (const r of this.compiled) {
			if (r.method !== method) continue;
			const params = matchSegments(r.segments, path);
			if (params && (!best || moreSpecific(r.segments, best.route.segments))) best = { route: r, params };
		}
		return best;
	}
}
