export const USER_AGENT = 'Paperboy (self-hosted Discord bot)';

/** Far larger than any feed page; a bigger answer is a mistake or an attack, not papers. */
export const MAX_BODY_BYTES = 20 * 2 ** 20;

/** A non-2xx answer; `retryAfterMs` when a 429 or 503 said when to come back. */
export class HttpStatusError extends Error {
	override readonly name = 'HttpStatusError';

	readonly status: number;
	readonly retryAfterMs: number | undefined;
	constructor(status: number, retryAfterMs?: number) {
		super(`HTTP ${status}`);
		this.status = status;
		this.retryAfterMs = retryAfterMs;
	}
}

export interface FetchTextOptions {
	readonly fetch: typeof globalThis.fetch;
	readonly signal: AbortSignal;
	readonly maxBytes: number;
}

/** GETs `url` and reads its body as text, refusing an error status or a body over `maxBytes`. */
export async function fetchText(url: string, { fetch, signal, maxBytes }: FetchTextOptions): Promise<string> {
	const response = await fetch(url, { signal, headers: { 'user-agent': USER_AGENT } });
	if (!response.ok) {
		await response.body?.cancel();
		const waitMs = response.status === 429 || response.status === 503 ? retryAfterMs(response.headers.get('retry-after')) : undefined;
		throw new HttpStatusError(response.status, waitMs);
	}
	const tooLarge = new Error(`the answer is larger than the ${maxBytes}-byte limit`);
	if (Number(response.headers.get('content-length')) > maxBytes) {
		await response.body?.cancel();
		throw tooLarge;
	}
	if (!response.body) return '';
	// Counted as it streams: a missing or lying Content-Length must not fill the memory.
	const reader = (response.body as ReadableStream<Uint8Array>).getReader();
	const decoder = new TextDecoder();
	let size = 0;
	let text = '';
	for (;;) {
		const { done, value } = await reader.read().catch((error: unknown) => {
			if (signal.aborted) throw error;
			// undici says only "terminated"; what matters is that the body stopped short.
			throw new Error(`the answer was cut off after ${size.toLocaleString('en-US')} bytes: the connection closed`);
		});
		if (done) return text + decoder.decode();
		size += value.byteLength;
		if (size > maxBytes) {
			await reader.cancel();
			throw tooLarge;
		}
		text += decoder.decode(value, { stream: true });
	}
}

/** `Retry-After` is either seconds or an HTTP date. */
function retryAfterMs(header: string | null): number | undefined {
	if (!header) return undefined;
	const seconds = Number(header);
	if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
	const date = Date.parse(header);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
