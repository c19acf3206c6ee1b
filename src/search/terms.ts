import { editDistanceWithin } from './edit-distance.ts';
import type { Segment } from './segment.ts';
import { allowedDistance, deletions, isCorrectable, Vocabulary, type TermMatch } from './vocabulary.ts';

/**
 * Every term the index knows: the segment's (ids from 0, in byte order) and those only papers
 * added since have (ids after the segment's), with the look-ups search needs over both.
 */
export class Terms {
	readonly #added = new Vocabulary();
	readonly #baseCount: number;

	private readonly base: Segment | undefined;
	constructor(base: Segment | undefined) {
		this.base = base;
		this.#baseCount = base?.termCount ?? 0;
	}

	get size(): number {
		return this.#baseCount + this.#added.size;
	}

	term(id: number): string {
		return id < this.#baseCount ? this.base!.term(id) : this.#added.term(id - this.#baseCount);
	}

	id(term: string): number | undefined {
		const known = this.base?.termId(term);
		if (known !== undefined) return known;
		const added = this.#added.id(term);
		return added === undefined ? undefined : added + this.#baseCount;
	}

	/** The id of `term`, adding it when it is new. */
	intern(term: string): number {
		return this.base?.termId(term) ?? this.#added.intern(term) + this.#baseCount;
	}

	/** Known terms within the edit distance a word of this length may have (the word itself excluded). */
	similar(word: string): TermMatch[] {
		const added = this.#added.similar(word).map(({ id, distance }) => ({ id: id + this.#baseCount, distance }));
		if (!this.base || !isCorrectable(word)) return added;
		const base = this.base;
		const candidates = new Set<number>();
		base.deletedTo(word, candidates);
		for (const deleted of deletions(word)) {
			const exact = base.termId(deleted);
			if (exact !== undefined) candidates.add(exact);
			base.deletedTo(deleted, candidates);
		}
		const max = allowedDistance(word);
		const matches: TermMatch[] = [];
		for (const id of candidates) {
			const term = base.term(id);
			if (term === word) continue;
			const distance = editDistanceWithin(word, term, max);
			if (distance !== undefined) matches.push({ id, distance });
		}
		for (const match of added) matches.push(match);
		return matches;
	}

	/** Ids of up to `limit` terms that extend `prefix` (not the prefix itself). */
	extending(prefix: string, limit: number): number[] {
		const ids = this.base?.extending(prefix, limit) ?? [];
		for (const id of this.#added.extending(prefix, limit - ids.length)) ids.push(id + this.#baseCount);
		return ids;
	}
}
