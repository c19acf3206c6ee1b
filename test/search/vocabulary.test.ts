import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedDistance, deletions, isCorrectable, MIN_FUZZY_LENGTH, Vocabulary } from '../../src/search/vocabulary.ts';
import { osa } from './edit-models.ts';

/** The model of the distinct terms: the terms in the order first interned (a term's id is its index). */
class ModelVocabulary {
	readonly terms: string[] = [];

	intern(term: string): number {
		const known = this.terms.indexOf(term);
		return known === -1 ? this.terms.push(term) - 1 : known;
	}

	/** A full sort (by UTF-16 code units, as `<` compares) and a scan. */
	extending(prefix: string, limit: number): number[] {
		const sorted = [...this.terms].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
		return sorted
			.filter((term) => term.startsWith(prefix) && term !== prefix)
			.slice(0, limit)
			.map((term) => this.terms.indexOf(term));
	}

	/**
	 * A scan of every term for those within the allowed distance that share a one-letter deletion
	 * with the word (or are one): what a dictionary of single deletions can reach. That is all of
	 * distance 1, and those of distance 2 that lose the same letter as the word once one letter of
	 * each is dropped; terms outside the fuzzy lengths are in no deletion list, but may be a deletion.
	 */
	similar(word: string): { id: number; distance: number }[] {
		if (!isCorrectable(word)) return [];
		const wordDeletions = new Set(Array.from(word, (_, i) => word.slice(0, i) + word.slice(i + 1)));
		return this.terms.flatMap((term, id) => {
			if (term === word) return [];
			const termDeletions = Array.from(term, (_, i) => term.slice(0, i) + term.slice(i + 1));
			const reachable =
				wordDeletions.has(term) ||
				(isCorrectable(term) && (termDeletions.includes(word) || termDeletions.some((d) => wordDeletions.has(d))));
			const distance = osa(word, term);
			return reachable && distance <= allowedDistance(word) ? [{ id, distance }] : [];
		});
	}
}

const byId = (matches: readonly { id: number; distance: number }[]) => [...matches].sort((a, b) => a.id - b.id);

// Terms over a few letters are often near each other; digits bring numbers (never corrected), and
// long runs reach the longest correctable length.
const letters = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), minLength: 1, maxLength: 10 });
const term = fc.oneof(
	{ weight: 6, arbitrary: letters },
	{ weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('1', '2', 'a'), minLength: 1, maxLength: 6 }) },
	{ weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('é', 'ß', '模', 'a'), minLength: 1, maxLength: 6 }) },
	{ weight: 1, arbitrary: fc.tuple(fc.integer({ min: 38, max: 42 }), letters).map(([n, tail]) => 'a'.repeat(n - 1) + tail[0]) },
);
const corpus = fc.array(term, { maxLength: 80 });

function filled(terms: readonly string[]): { vocabulary: Vocabulary; model: ModelVocabulary } {
	const vocabulary = new Vocabulary();
	const model = new ModelVocabulary();
	for (const t of terms) expect(vocabulary.intern(t)).toBe(model.intern(t));
	return { vocabulary, model };
}

describe('Vocabulary', () => {
	it('numbers distinct terms in the order first seen, and looks them up both ways', () => {
		fc.assert(
			fc.property(corpus, term, (terms, other) => {
				const { vocabulary, model } = filled(terms);
				expect(vocabulary.size).toBe(model.terms.length);
				for (const [id, t] of model.terms.entries()) {
					expect(vocabulary.term(id)).toBe(t);
					expect(vocabulary.id(t)).toBe(id);
				}
				expect(vocabulary.id(other)).toBe(model.terms.includes(other) ? model.terms.indexOf(other) : undefined);
			}),
		);
	});

	it('lists the terms extending a prefix, alphabetically and up to the limit, between and after additions', () => {
		const step = fc.oneof(
			term.map((t) => ({ intern: t })),
			fc.record({
				prefix: fc.oneof(
					letters.map((p) => p.slice(0, 3)),
					fc.constant(''),
					term,
				),
				limit: fc.nat({ max: 12 }),
			}),
		);
		fc.assert(
			fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
				const vocabulary = new Vocabulary();
				const model = new ModelVocabulary();
				for (const s of steps) {
					if ('intern' in s) expect(vocabulary.intern(s.intern)).toBe(model.intern(s.intern));
					else expect(vocabulary.extending(s.prefix, s.limit), JSON.stringify(s)).toEqual(model.extending(s.prefix, s.limit));
				}
			}),
		);
	});

	it('finds the terms a dictionary of one-letter deletions reaches within the allowed distance, with their distances', () => {
		fc.assert(
			fc.property(corpus, fc.oneof(term, letters), (terms, word) => {
				const { vocabulary, model } = filled(terms);
				expect(byId(vocabulary.similar(word))).toEqual(byId(model.similar(word)));
			}),
			{ numRuns: 300 },
		);
	});

	it('finds every correctable term one edit away, never the word itself, each once, at its true distance', () => {
		fc.assert(
			fc.property(corpus, fc.oneof(term, letters), (terms, word) => {
				const { vocabulary } = filled([...terms, word]);
				const found = vocabulary.similar(word);
				const ids = found.map((m) => m.id);
				expect(new Set(ids).size).toBe(ids.length);
				expect(ids).not.toContain(vocabulary.id(word));
				for (const { id, distance } of found) {
					expect(distance).toBe(osa(word, vocabulary.term(id)));
					expect(distance).toBeLessThanOrEqual(allowedDistance(word));
				}
				if (!isCorrectable(word)) expect(found).toEqual([]);
				else
					for (const t of terms) {
						if (isCorrectable(t) && osa(word, t) === 1) expect(ids, t).toContain(vocabulary.id(t));
					}
			}),
			{ numRuns: 300 },
		);
	});

	it('corrects each kind of typo, allows two edits from eight letters, and leaves short words and numbers alone', () => {
		const { vocabulary } = filled([
			'large',
			'lake',
			'language',
			'languages',
			'algorithm',
			'grokking',
			'gorkking',
			'cat',
			'act',
			'2024',
			'2025',
			'lage',
		]);
		const similar = (word: string) =>
			vocabulary
				.similar(word)
				.map(({ id, distance }) => `${vocabulary.term(id)} ${distance}`)
				.sort();
		expect(similar('lage')).toEqual(['lake 1', 'large 1']);
		// "languages" is a swap and an extra letter away: two edits, but no deletion of the one is a deletion of the other.
		expect(similar('langauge')).toEqual(['language 1']);
		// A letter moved two places: both lose their "i" to the same "algorthm".
		expect(similar('algorthim')).toEqual(['algorithm 2']);
		expect(similar('grokking')).toEqual(['gorkking 1']);
		expect(similar('cat')).toEqual([]);
		expect(similar('2024')).toEqual([]);
		// A term shorter than the fuzzy length is still found as a deletion of the word.
		expect(similar('acts')).toEqual(['act 1']);
	});

	it('reaches a distance-2 term only through a shared deletion: a moved letter, not two substitutions', () => {
		const { vocabulary } = filled(['bcdefgha', 'xbcdefgy']);
		// "abcdefgh" and "bcdefgha" both become "bcdefgh"; "xbcdefgy" shares no deletion with it.
		expect(vocabulary.similar('abcdefgh')).toEqual([{ id: 0, distance: 2 }]);
		expect(osa('abcdefgh', 'xbcdefgy')).toBe(2);
	});
});

describe('the fuzzy-matching rules', () => {
	it('deletes each letter once, in order, repeats included', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 12 }), (word) => {
				expect([...deletions(word)]).toEqual(Array.from(word, (_, i) => word.slice(0, i) + word.slice(i + 1)));
			}),
		);
		expect([...deletions('aab')]).toEqual(['ab', 'ab', 'aa']);
		expect([...deletions('')]).toEqual([]);
	});

	it('corrects words of 4 to 40 characters that are not all digits, by one edit below eight characters and two from eight', () => {
		expect(MIN_FUZZY_LENGTH).toBe(4);
		expect(['abc', '1234', '2024', 'a'.repeat(41), ''].map(isCorrectable)).toEqual([false, false, false, false, false]);
		expect(['abcd', '123a', 'a'.repeat(40), '模型模型'].map(isCorrectable)).toEqual([true, true, true, true]);
		expect(['abcd', 'abcdefg', 'abcdefgh', 'a'.repeat(40)].map(allowedDistance)).toEqual([1, 1, 2, 2]);
	});
});
