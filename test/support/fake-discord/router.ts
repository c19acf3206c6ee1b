import type { Reply } from './errors.ts';
import type { FakeState } from './state.ts';
import type { RecordedRequest } from './types.ts';

export interface RouteContext {
	state: FakeState;
	req: RecordedRequest;
	params: Record<string, string>;
	/** Body as an object (empty object when there is none or it is not an object). */
	body: Record<string, unknown>;
}

export interface Route {
	method: string;
	/** Like `/channels/:channel/messages`; `:name` matches one path segment. */
	pattern: string;
	/** Whether `Authorization: Bot <token>` is required (false for interaction and webhook-token routes). */
	auth: boolean;
	handle: (ctx: RouteContext) => Reply | Promise<Reply>;
}

export function route(method: string, pattern: string, handle: Route['handle'], auth = true): Route {
	return { method, pattern, auth, handle };
}

interface Compiled extends Route {
	regex: RegExp;
	names: string[];
}

export class Router {
	private readonly routes: Compiled[] = [];

	add(...routes: Route[]): this {
		for (const r of routes) {
			const names: string[] = [];
			const source = r.pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_m, name: string) => {
				names.push(name);
				return '([^/]+)';
			});
			this.routes.push({ ...r, regex: new RegExp(`^${source}/?$`), names });
		}
		return this;
	}

	/** The route for a request and its params, or null. */
	match(method: string, path: string): { route: Compiled; params: Record<string, string> } | null {
		for (const r of this.routes) {
			if (r.method !== method) continue;
			const m = r.regex.exec(path);
			if (!m) continue;
			const params: Record<string, string> = {};
			r.names.forEach((name, i) => (params[name] = m[i + 1] ?? ''));
			return { route: r, params };
		}
		return null;
	}
}
