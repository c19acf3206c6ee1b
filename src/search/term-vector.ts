import type { PaperIndex, PaperText } from './paper-index.ts';
import { paperTerms, TITLE_UNIT } from './paper-terms.ts';
import { inverseDocumentFrequency } from './score-board.ts';

/** A term of a paper, its idf (search's) and its TF-IDF weight there (count in title and abstract times idf). */
export interface VectorTerm {
	readonly term: string;
	readonly termId: number;
	readonly idf: number;
	readonly weight: number;
}

/** A paper's terms with their weights, and the vector's length. */
export interface TermVector {
	readonly terms: readonly VectorTerm[];
	readonly norm: number;
}

/** A paper's TF-IDF vector over its title and abstract, as the index counts their terms. */
export function termVector(index: PaperIndex, text: PaperText): TermVector {
	const terms: VectorTerm[] = [];
	let squares = 0;
	for (const [term, packed] of paperTerms(text).counts) {
		const termId = index.vocabulary.id(term);
		if (termId === undefined) continue;
		const idf = inverseDocumentFrequency(index, termId);
		const weight = textCount(packed) * idf;
		if (weight <= 0) continue;
		terms.push({ term, termId, idf, weight });
		squares += weight * weight;
	}
	return { terms, norm: Math.sqrt(squares) };
}

/** A term's count in title and abstract together, from `paperTerms`' packing. */
export function textCount(packed: number): number {
	return Math.floor(packed / TITLE_UNIT) + (packed % TITLE_UNIT);
}

/** A term's count in title and abstract together, from a posting's packing. */
export function postingCount(packed: number): number {
	return (packed >> 8) + (packed & 0xff);
}

/**
 * The length of every paper's TF-IDF vector, which cosine divides by. The first request
 * computes them all in one pass over the postings (tens of milliseconds at 100k papers, a
 * float per paper); papers added later are measured from their text when first asked about.
 * The idf drifts a little as papers arrive, which moves a cosine by far less than it tells papers apart.
 */
export class DocumentNorms {
	#norms = new Float64Array(0);
	/** Papers below this number were measured in the pass over the postings. */
	#passed = 0;

	private readonly index: PaperIndex;
	constructor(index: PaperIndex) {
		this.index = index;
	}

	norm(doc: number): number {
		if (this.#passed === 0) this.#pass();
		if (doc >= this.#norms.length) this.#grow(doc + 1);
		if (doc >= this.#passed && this.#norms[doc] === 0) this.#norms[doc] = termVector(this.index, this.index.text(doc)).norm;
		return this.#norms[doc]!;
	}

	#pass(): void {
		const { index } = this;
		const squares = new Float64Array(Math.max(1, index.docCount));
		for (let termId = 0; termId < index.vocabulary.size; termId++) {
			const idf = inverseDocumentFrequency(index, termId);
			for (const { docs, counts, length } of index.postings(termId)) {
				for (let k = 0; k < length; k++) squares[docs[k]!]! += (postingCount(counts[k]!) * idf) ** 2;
			}
		}
		for (let doc = 0; doc < squares.length; doc++) squares[doc] = Math.sqrt(squares[doc]!);
		this.#norms = squares;
		this.#passed = squares.length;
	}

	#grow(size: number): void {
		const grown = new Float64Array(Math.ceil(size * 1.25));
		grown.set(this.#norms);
		this.#norms = grown;
	}
}
