/** What `within` rejects with when the time is up: the work may still finish, or never. */
export class NoAnswerError extends Error {
	override readonly name = 'NoAnswerError';

	readonly ms: number;
	constructor(ms: number) {
		super(`no answer within ${ms / 1000} s`);
		this.ms = ms;
	}
}

/** `work`, or a rejection once `ms` have passed without an answer: for stores and servers that can hang. */
export function within<T>(work: Promise<T>, ms: number): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new NoAnswerError(ms)), ms)));
	return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
