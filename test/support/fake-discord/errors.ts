/** What a route answers: status, JSON body (none for 204) and extra headers. */
export interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

/** A Discord JSON error: `{ message, code }` (plus `errors` for form errors). */
export function apiError(status: number, code: number, message: string, errors?: unknown): Reply {
	return { status, body: errors === undefined ? { message, code } : { message, code, errors } };
}

export const Errors = {
	notFound: (): Reply => apiError(404, 0, '404: Not Found'),
	unauthorized: (): Reply => apiError(401, 0, '401: Unauthorized'),
	missingAccess: (): Reply => apiError(403, 50001, 'Missing Access'),
	missingPermissions: (): Reply => apiError(403, 50013, 'Missing Permissions'),
	unknownChannel: (): Reply => apiError(404, 10003, 'Unknown Channel'),
	unknownGuild: (): Reply => apiError(404, 10004, 'Unknown Guild'),
	unknownMessage: (): Reply => apiError(404, 10008, 'Unknown Message'),
	unknownWebhook: (): Reply => apiError(404, 10015, 'Unknown Webhook'),
	unknownCommand: (): Reply => apiError(404, 10063, 'Unknown application command'),
	unknownInteraction: (): Reply => apiError(404, 10062, 'Unknown interaction'),
	alreadyAcknowledged: (): Reply => apiError(400, 40060, 'Interaction has already been acknowledged.'),
	emptyMessage: (): Reply => apiError(400, 50006, 'Cannot send an empty message'),
	invalidJson: (): Reply => apiError(400, 50109, 'The request body contains invalid JSON.'),
};

/** One problem in a form body: where (a path into the body) and what. */
export interface FormProblem {
	path: (string | number)[];
	code: string;
	message: string;
}

/** A 400 Invalid Form Body (code 50035), errors nested the way Discord nests them. */
export function invalidForm(problems: FormProblem[]): Reply {
	const errors: Record<string, unknown> = {};
	for (const { path, code, message } of problems) {
		let node = errors;
		for (const key of path) {
			const next = (node[String(key)] ??= {}) as Record<string, unknown>;
			node = next;
		}
		const list = (node._errors ??= []) as { code: string; message: string }[];
		list.push({ code, message });
	}
	return apiError(400, 50035, 'Invalid Form Body', errors);
}
