import type { Segment } from './segment.ts';

/** Per-document term counts and the reciprocal averages BM25 normalizes them by. */
export interface DocumentLengths {
	readonly title: Uint16Array;
	readonly abstract: Uint16Array;
	readonly titleScale: number;
	readonly abstractScale: number;
}

/**
 * What the index keeps per document number, segment's and added alike: title and abstract
 * lengths, whether it was retired, and the totals BM25 averages over the live ones.
 */
export class DocumentTable {
	#titleLengths: Uint16Array;
	#abstractLengths: Uint16Array;
	#retired: Uint8Array;
	#titleTotal: number;
	#abstractTotal: number;
	#live: number;

	constructor(base: Segment | undefined) {
		const docs = base?.docCount ?? 0;
		// A little headroom for papers arriving later.
		const capacity = Math.max(1024, Math.ceil(docs * 1.1));
		this.#titleLengths = new Uint16Array(capacity);
		this.#abstractLengths = new Uint16Array(capacity);
		this.#retired = new Uint8Array(capacity);
		if (base) {
			this.#titleLengths.set(base.titleLengths);
			this.#abstractLengths.set(base.abstractLengths);
		}
		this.#titleTotal = base?.layout.titleTotal ?? 0;
		this.#abstractTotal = base?.layout.abstractTotal ?? 0;
		this.#live = docs;
	}

	/** Documents not retired. */
	get live(): number {
		return this.#live;
	}

	lengths(): DocumentLengths {
		const live = Math.max(1, this.#live);
		return {
			title: this.#titleLengths,
			abstract: this.#abstractLengths,
			titleScale: live / Math.max(1, this.#titleTotal),
			abstractScale: live / Math.max(1, this.#abstractTotal),
		};
	}

	isRetired(doc: number): boolean {
		return this.#retired[doc] === 1;
	}

	add(doc: number, titleLength: number, abstractLength: number): void {
		this.#ensureCapacity(doc + 1);
		this.#titleLengths[doc] = titleLength;
		this.#abstractLengths[doc] = abstractLength;
		this.#titleTotal += titleLength;
		this.#abstractTotal += abstractLength;
		this.#live++;
	}

	retire(doc: number): void {
		this.#retired[doc] = 1;
		this.#titleTotal -= this.#titleLengths[doc]!;
		this.#abstractTotal -= this.#abstractLengths[doc]!;
		this.#live--;
	}

	#ensureCapacity(size: number): void {
		if (size <= this.#retired.length) return;
		const grown = this.#retired.length * 2;
		const grow = <T extends Uint8Array | Uint16Array>(array: T, make: (n: number) => T): T => {
			const next = make(grown);
			next.set(array);
			return next;
		};
		this.#titleLengths = grow(this.#titleLengths, (n) => new Uint16Array(n));
		this.#abstractLengths = grow(this.#abstractLengths, (n) => new Uint16Array(n));
		this.#retired = grow(this.#retired, (n) => new Uint8Array(n));
	}
}
