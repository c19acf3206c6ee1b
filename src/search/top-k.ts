/** Keeps the `capacity` best-scored items seen, without sorting everything (a min-heap). */
export class TopK {
	readonly #items: number[] = [];
	readonly #scores: number[] = [];

	readonly capacity: number;
	constructor(capacity: number) {
		this.capacity = capacity;
	}

	get size(): number {
		return this.#items.length;
	}

	/** The score an item must beat to get in. */
	get threshold(): number {
		return this.#items.length < this.capacity ? -Infinity : (this.#scores[0] ?? Infinity);
	}

	offer(item: number, score: number): void {
		if (score <= this.threshold) return;
		if (this.#items.length < this.capacity) {
			this.#items.push(item);
			this.#scores.push(score);
			this.#siftUp(this.#items.length - 1);
		} else {
			this.#items[0] = item;
			this.#scores[0] = score;
			this.#siftDown(0);
		}
	}

	/** Items best first. */
	sorted(): { item: number; score: number }[] {
		return this.#items.map((item, i) => ({ item, score: this.#scores[i]! })).sort((a, b) => b.score - a.score || a.item - b.item);
	}

	#swap(a: number, b: number): void {
		[this.#items[a], this.#items[b]] = [this.#items[b]!, this.#items[a]!];
		[this.#scores[a], this.#scores[b]] = [this.#scores[b]!, this.#scores[a]!];
	}

	#siftUp(i: number): void {
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (this.#scores[parent]! <= this.#scores[i]!) return;
			this.#swap(i, parent);
			i = parent;
		}
	}

	#siftDown(i: number): void {
		for (;;) {
			const left = 2 * i + 1;
			const right = left + 1;
			let smallest = i;
			if (left < this.#items.length && this.#scores[left]! < this.#scores[smallest]!) smallest = left;
			if (right < this.#items.length && this.#scores[right]! < this.#scores[smallest]!) smallest = right;
			if (smallest === i) return;
			this.#swap(i, smallest);
			i = smallest;
		}
	}
}

/** The k-th largest value (1-based) by quickselect, in linear time on average; reorders `values`. */
export function kthLargest(values: Float64Array, k: number): number {
	let low = 0;
	let high = values.length - 1;
	const target = values.length - k;
	while (low < high) {
		const pivot = values[(low + high) >>> 1]!;
		let i = low;
		let j = high;
		while (i <= j) {
			while (values[i]! < pivot) i++;
			while (values[j]! > pivot) j--;
			if (i <= j) {
				const swap = values[i]!;
				values[i] = values[j]!;
				values[j] = swap;
				i++;
				j--;
			}
		}
		if (target <= j) high = j;
		else if (target >= i) low = i;
		else return values[target]!;
	}
	return values[target]!;
}
