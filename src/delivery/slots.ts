/** At most `size` tasks at a time; the rest wait their turn in order. */
export class Slots {
	readonly #waiting: (() => void)[] = [];
	#active = 0;

	private readonly size: number;
	constructor(size: number) {
		this.size = size;
	}

	async run<T>(task: () => Promise<T>): Promise<T> {
		while (this.#active >= this.size) await new Promise<void>((resolve) => this.#waiting.push(resolve));
		this.#active++;
		try {
			return await task();
		} finally {
			this.#active--;
			this.#waiting.shift()?.();
		}
	}
}
