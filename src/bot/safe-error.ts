/** Interaction and webhook URLs carry tokens that let anyone answer as the bot. */
const TOKEN_IN_URL = /\/(interactions|webhooks)\/(\d+)\/[^/?\s"']+/g;

export function scrubTokens(text: string): string {
	return text.replace(TOKEN_IN_URL, '/$1/$2/[token]');
}

/**
 * An error reduced to what a log may hold: discord.js errors carry the request URL (with the
 * interaction token) and the request body, neither of which may be logged as is.
 */
export function safeError(error: unknown): Record<string, unknown> {
	if (!(error instanceof Error)) return { message: scrubTokens(String(error)) };
	const { code, status, method } = error as { code?: unknown; status?: unknown; method?: unknown };
	return {
		type: error.name,
		message: scrubTokens(error.message),
		...(code === undefined ? {} : { code }),
		...(status === undefined ? {} : { status }),
		...(method === undefined ? {} : { method }),
		stack: error.stack ? scrubTokens(error.stack) : undefined,
	};
}
