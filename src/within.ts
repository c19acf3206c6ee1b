/** `work`, or a rejection once `ms` have passed without an answer: for stores and servers that can hang. */
export function within<T>(work: Promise<T>, ms: number): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms)));
	return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
