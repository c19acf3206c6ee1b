import { editDistanceWithin } from './edit-distance.ts';

export interface TermMatch {
	readonly id: number;
	readonly distance: number;
}

/** Terms shorter than this are too ambiguous to correct ("cat" is one letter from "act", "car", "at"). */
export const MIN_FUZZY_LENGTH = 4;
const MAX_FUZZY_LENGTH = 40;

export function allowedDistance(term: string): number {
	return term.length >= 8 ? 2 : 1;
}

export function isCorrectable(term: string): boolean {
	return term.length >= MIN_FUZZY_LENGTH && term.length <= MAX_FUZZY_LENGTH && !/^\d+$/.test(term);
}

export function* deletions(term: string): Generator<string> {
	for (let i = 0; i < term.length; i++) yield term.slice(0, i) + term.slice(i + 1);
}

/**
 * The distinct terms of the corpus, with the two look-ups a typo-tolerant engine needs:
 * terms within a small edit distance (a symmetric-deletion dictionary, so a look-up costs
 * a few map reads instead of a scan of the vocabulary) and terms that start with a prefix.
 */
export class Vocabulary {
	readonly #terms: string[] = [];
	readonly #ids = new Map<string, number>();
	readonly #byDeletion = new Map<string, number[]>();
	#sorted: number[] = [];
	#sortedIsStale = false;

	get size(): number {
		return this.#terms.length;
	}

	term(id: number): string {
		return this.#terms[id]!;
	}

	id(term: string): number | undefined {
		return this.#ids.get(term);
	}

	/** The id of `term`, adding it when it is new. */
	intern(term: string): number {
		const known = this.#ids.get(term);
		if (known !== undefined) return known;
		const id = this.#terms.push(term) - 1;
		this.#ids.set(term, id);
		this.#sorted.push(id);
		this.#sortedIsStale = true;
		if (isCorrectable(term)) {
			for (const deleted of deletions(term)) {
				const ids = this.#byDeletion.get(deleted);
				if (ids) ids.push(id);
				else this.#byDeletion.set(deleted, [id]);
			}
		}
		return id;
	}

	/**
	 * Known terms within the edit distance a word of this length may have (the word itself
	 * excluded), as far as single deletions reach: every term one edit away, and of the terms two
	 * edits away (words of 8+ letters) those that meet the word after one deletion from each, such
	 * as a moved or swapped letter ("algorthim" → "algorithm"), not two substitutions. Storing
	 * double deletions would find the rest at many times the dictionary's size.
	 */
	similar(word: string): TermMatch[] {
		if (!isCorrectable(word)) return [];
		const max = allowedDistance(word);
		const candidates = new Set<number>(this.#byDeletion.get(word));
		for (const deleted of deletions(word)) {
			const exact = this.#ids.get(deleted);
			if (exact !== undefined) candidates.add(exact);
			for (const id of this.#byDeletion.get(deleted) ?? []) candidates.add(id);
		}
		const matches: TermMatch[] = [];
		for (const id of candidates) {
			const term = this.#terms[id]!;
			if (term === word) continue;
			const distance = editDistanceWithin(word, term, max);
			if (distance !== undefined) matches.push({ id, distance });
		}
		return matches;
	}

	/** Ids of up to `limit` terms that extend `prefix` (not the prefix itself), in alphabetical order. */
	extending(prefix: string, limit: number): number[] {
		const sorted = this.#sortedTerms();
		let low = 0;
		let high = sorted.length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (this.#terms[sorted[middle]!]! < prefix) low = middle + 1;
			else high = middle;
		}
		const ids: number[] = [];
		for (let i = low; i < sorted.length && ids.length < limit && this.#terms[sorted[i]!]!.startsWith(prefix); i++) {
			if (this.#terms[sorted[i]!] !== prefix) ids.push(sorted[i]!);
		}
		return ids;
	}

	#sortedTerms(): number[] {
		if (this.#sortedIsStale) {
			const terms = this.#terms;
			this.#sorted.sort((a, b) => (terms[a]! < terms[b]! ? -1 : terms[a]! > terms[b]! ? 1 : 0));
			this.#sortedIsStale = false;
		}
		return this.#sorted;
	}
}
