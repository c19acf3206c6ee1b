import type { Paper } from '../papers/paper.js';
import { PostingList } from './posting-list.js';
import { isStopword, terms } from './tokenize.js';
import { Vocabulary } from './vocabulary.js';

function countTerms(words: readonly string[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const word of words) if (!isStopword(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
	return counts;
}

/** Per-document term counts and the reciprocal averages BM25 normalizes them by. */
export interface DocumentLengths {
	readonly title: Uint16Array;
	readonly abstract: Uint16Array;
	readonly titleScale: number;
	readonly abstractScale: number;
}

/**
 * The inverted index over papers: for every term, the papers it occurs in and how often in
 * title and abstract, plus the lengths BM25 normalizes by. Papers are numbered in the order
 * they were added; a paper whose text changes gets a new number and its old one is retired.
 */
export class PaperIndex {
	readonly vocabulary = new Vocabulary();
	readonly #postings: PostingList[] = [];
	/** The same postings restricted to titles: autocomplete scans these, a fraction of the full lists. */
	readonly #titlePostings: PostingList[] = [];
	readonly #papers: Paper[] = [];
	readonly #docOfId = new Map<string, number>();
	#titleLengths = new Uint16Array(1024);
	#abstractLengths = new Uint16Array(1024);
	#retired = new Uint8Array(1024);
	#titleTotal = 0;
	#abstractTotal = 0;
	#live = 0;

	/** Papers currently searchable. */
	get size(): number {
		return this.#live;
	}

	/** Highest document number plus one: the size of per-document scratch arrays. */
	get docCount(): number {
		return this.#papers.length;
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

	paper(doc: number): Paper {
		return this.#papers[doc]!;
	}

	docOf(id: string): number | undefined {
		return this.#docOfId.get(id);
	}

	isRetired(doc: number): boolean {
		return this.#retired[doc] === 1;
	}

	postings(termId: number, titlesOnly = false): PostingList | undefined {
		return (titlesOnly ? this.#titlePostings : this.#postings)[termId];
	}

	/** Number of live papers a term occurs in (retired ones still counted until rebuilt; they are rare). */
	documentFrequency(termId: number): number {
		return this.#postings[termId]?.length ?? 0;
	}

	/** Adds a paper, or re-indexes it when its text changed; returns its document number. */
	add(paper: Paper): number {
		const previous = this.#docOfId.get(paper.id);
		if (previous !== undefined) {
			const known = this.#papers[previous]!;
			if (known.title === paper.title && known.abstract === paper.abstract) {
				this.#papers[previous] = paper;
				return previous;
			}
			this.#retire(previous);
		}
		const doc = this.#papers.push(paper) - 1;
		this.#docOfId.set(paper.id, doc);
		this.#ensureCapacity(doc + 1);
		const titleTerms = terms(paper.title);
		const abstractTerms = terms(paper.abstract);
		this.#titleLengths[doc] = Math.min(titleTerms.length, 65_535);
		this.#abstractLengths[doc] = Math.min(abstractTerms.length, 65_535);
		this.#titleTotal += this.#titleLengths[doc]!;
		this.#abstractTotal += this.#abstractLengths[doc]!;
		this.#live++;
		const inTitle = countTerms(titleTerms);
		const inAbstract = countTerms(abstractTerms);
		for (const term of new Set([...inTitle.keys(), ...inAbstract.keys()])) {
			const termId = this.vocabulary.intern(term);
			const titleCount = inTitle.get(term) ?? 0;
			(this.#postings[termId] ??= new PostingList()).add(doc, titleCount, inAbstract.get(term) ?? 0);
			if (titleCount > 0) (this.#titlePostings[termId] ??= new PostingList()).add(doc, titleCount, 0);
		}
		return doc;
	}

	#retire(doc: number): void {
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
