/** At most `size` tasks at a time; the rest wait their turn in order. */
export class Slots {
	readonly #waiting: (() => void)[] = [];
	#active = 0;

	private readonly size: number;
	constructor(size: number) {
		this.size = size;
	}

	async run<T>(task: () => Promise<T>): Promise<T> {
		if (this.#active < this.size) this.#active++;
		else await new Promise<void>((resolve) => this.#waiting.push(resolve));
		try {
			return await task();
		} finally {
			// The slot passes straight to the next in line: were it freed, a task submitted before that one
			// resumes would take it and send the waiting one to the back of the queue.
			const next = this.#waiting.shift();
			if (next) next();
			else this.#active--;
		}
	}
}
