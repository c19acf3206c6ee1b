/** A typed array that doubles as it fills: a few large allocations instead of one array per term. */
class Growable<T extends Uint32Array | Uint16Array> {
	length = 0;

	private array: T;
	private readonly make: (size: number) => T;
	constructor(array: T, make: (size: number) => T) {
		this.array = array;
		this.make = make;
	}

	push(value: number): void {
		if (this.length === this.array.length) {
			const grown = this.make(this.array.length * 2);
			grown.set(this.array);
			this.array = grown;
		}
		this.array[this.length++] = value;
	}

	at(i: number): number {
		return this.array[i]!;
	}
}

const uint32 = (size: number) => new Uint32Array(size);
const uint16 = (size: number) => new Uint16Array(size);

/** Where the postings go: start offsets per term rank, then documents and counts. */
export interface PostingSections {
	readonly start: Uint32Array;
	readonly docs: Uint32Array;
	readonly counts: Uint16Array;
}

/**
 * The postings of a build, collected paper by paper as (term, document, counts) in flat arrays
 * and inverted at the end by a counting sort on term: no per-term objects, and the documents
 * of each term come out in the order they were added.
 */
export class TermCollector {
	/** Term to id, by first appearance. */
	readonly ids = new Map<string, number>();
	readonly #terms = new Growable(new Uint32Array(1 << 16), uint32);
	readonly #docs = new Growable(new Uint32Array(1 << 16), uint32);
	/** Title count in the high byte, abstract count in the low byte, as in PostingList. */
	readonly #counts = new Growable(new Uint16Array(1 << 16), uint16);
	readonly #frequency: number[] = [];
	readonly #titleFrequency: number[] = [];
	titlePostingCount = 0;

	get postingCount(): number {
		return this.#docs.length;
	}

	add(doc: number, term: string, titleCount: number, abstractCount: number): void {
		let id = this.ids.get(term);
		if (id === undefined) {
			id = this.#frequency.push(0) - 1;
			this.#titleFrequency.push(0);
			this.ids.set(term, id);
		}
		this.#terms.push(id);
		this.#docs.push(doc);
		this.#counts.push((Math.min(titleCount, 255) << 8) | Math.min(abstractCount, 255));
		this.#frequency[id]!++;
		if (titleCount > 0) {
			this.#titleFrequency[id]!++;
			this.titlePostingCount++;
		}
	}

	/** Writes the postings grouped by term, terms in the order `rankOf` (id to rank) gives. */
	invert(rankOf: Uint32Array, all: PostingSections, titles: PostingSections): void {
		const starts = (frequency: readonly number[], start: Uint32Array) => {
			const cursor = new Uint32Array(rankOf.length);
			const byRank = new Uint32Array(rankOf.length);
			frequency.forEach((count, id) => (byRank[rankOf[id]!] = count));
			let at = 0;
			byRank.forEach((count, rank) => {
				start[rank] = cursor[rank] = at;
				at += count;
			});
			start[rankOf.length] = at;
			return cursor;
		};
		const cursor = starts(this.#frequency, all.start);
		const titleCursor = starts(this.#titleFrequency, titles.start);
		for (let i = 0; i < this.#docs.length; i++) {
			const rank = rankOf[this.#terms.at(i)]!;
			const [doc, count] = [this.#docs.at(i), this.#counts.at(i)];
			const at = cursor[rank]!++;
			all.docs[at] = doc;
			all.counts[at] = count;
			if (count >> 8 > 0) {
				const titleAt = titleCursor[rank]!++;
				titles.docs[titleAt] = doc;
				titles.counts[titleAt] = count & 0xff00;
			}
		}
	}
}
