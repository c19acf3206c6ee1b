import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistanceWithin } from '../../src/search/edit-distance.ts';
import { levenshtein, osa } from './edit-models.ts';

const within = (distance: number, max: number) => (distance <= max ? distance : undefined);

// A three-letter alphabet makes near strings (and swaps) common; the others bring in every code point,
// astral ones as surrogate pairs, and lone surrogates, which JavaScript strings may hold too.
const near = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 12 });
const anyCodePoint = fc.string({ unit: 'binary', maxLength: 8 });
const anyCodeUnit = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 8 });
const word = fc.oneof(near, anyCodePoint, anyCodeUnit, fc.constant(''));
const max = fc.integer({ min: -1, max: 14 });

describe('editDistanceWithin', () => {
	it('is the full-table optimal-string-alignment distance when that is within max, else undefined', () => {
		fc.assert(
			fc.property(word, word, max, (a, b, m) => {
				expect(editDistanceWithin(a, b, m)).toBe(within(osa(a, b), m));
			}),
			{ numRuns: 2_000 },
		);
	});

	it('agrees with the model on pairs that are one or two edits apart, where giving up early is most at risk', () => {
		const edited = near.chain((a) =>
			fc
				.array(fc.tuple(fc.constantFrom('substitute', 'insert', 'delete', 'swap'), fc.nat(), fc.constantFrom('a', 'b', 'c', 'é', '😀')), {
					minLength: 1,
					maxLength: 3,
				})
				.map((edits) => {
					let b = a;
					for (const [kind, at, letter] of edits) {
						const i = b.length === 0 ? 0 : at % b.length;
						if (kind === 'substitute') b = b.slice(0, i) + letter + b.slice(i + 1);
						else if (kind === 'insert') b = b.slice(0, i) + letter + b.slice(i);
						else if (kind === 'delete') b = b.slice(0, i) + b.slice(i + 1);
						else b = b.slice(0, i) + b.slice(i + 1, i + 2) + b.slice(i, i + 1) + b.slice(i + 2);
					}
					return [a, b] as const;
				}),
		);
		fc.assert(
			fc.property(edited, fc.integer({ min: 0, max: 4 }), ([a, b], m) => {
				expect(editDistanceWithin(a, b, m)).toBe(within(osa(a, b), m));
			}),
			{ numRuns: 2_000 },
		);
	});

	it('is symmetric, zero only for equal strings, and never more than Levenshtein nor less than half of it', () => {
		fc.assert(
			fc.property(word, word, (a, b) => {
				const distance = editDistanceWithin(a, b, Infinity)!;
				expect(editDistanceWithin(b, a, Infinity)).toBe(distance);
				expect(distance === 0).toBe(a === b);
				const plain = levenshtein(a, b);
				expect(distance).toBeLessThanOrEqual(plain);
				// Each swap the alignment counts once is two Levenshtein edits.
				expect(distance).toBeGreaterThanOrEqual(Math.ceil(plain / 2));
			}),
		);
	});

	it('answers the same distance for every max that allows it', () => {
		fc.assert(
			fc.property(word, word, max, (a, b, m) => {
				const found = editDistanceWithin(a, b, m);
				if (found === undefined) return;
				for (let larger = m; larger <= m + 3; larger++) expect(editDistanceWithin(a, b, larger)).toBe(found);
			}),
		);
	});

	it('counts each kind of typo as one edit', () => {
		expect(editDistanceWithin('grokking', 'grokking', 0)).toBe(0);
		expect(editDistanceWithin('grokking', 'grikking', 2)).toBe(1); // substituted
		expect(editDistanceWithin('grokking', 'grokkng', 2)).toBe(1); // missing
		expect(editDistanceWithin('grokking', 'grokkking', 2)).toBe(1); // extra
		expect(editDistanceWithin('grokking', 'gorkking', 2)).toBe(1); // swapped
		expect(levenshtein('grokking', 'gorkking')).toBe(2);
		expect(editDistanceWithin('kitten', 'sitting', 3)).toBe(3);
	});

	it('edits no substring twice: "ca" to "abc" is three, not the two of unrestricted Damerau', () => {
		expect(editDistanceWithin('ca', 'abc', 5)).toBe(3);
	});

	it('handles empty strings and a max that is zero or below', () => {
		expect(editDistanceWithin('', '', 0)).toBe(0);
		expect(editDistanceWithin('', 'abc', 3)).toBe(3);
		expect(editDistanceWithin('abc', '', 2)).toBeUndefined();
		expect(editDistanceWithin('abc', 'abd', 0)).toBeUndefined();
		expect(editDistanceWithin('abc', 'abc', -1)).toBeUndefined();
		expect(editDistanceWithin('', '', -1)).toBeUndefined();
	});

	it('gives up as soon as every alignment must exceed max, whatever the lengths', () => {
		expect(editDistanceWithin('aaaaaaaaaa', 'bbbbbbbbbb', 2)).toBeUndefined();
		expect(editDistanceWithin('abcdefgh', 'abcdefghij', 1)).toBeUndefined();
		expect(editDistanceWithin('abcdefgh', 'abcdefghij', 2)).toBe(2);
	});

	it('compares UTF-16 code units, as the model does: an astral letter is two of them', () => {
		expect(editDistanceWithin('naïve', 'naive', 1)).toBe(1);
		expect(editDistanceWithin('模型', '模形', 1)).toBe(1);
		// U+1F600 and U+1F601 share their high surrogate.
		expect(editDistanceWithin('x😀', 'x😁', 2)).toBe(1);
		expect(editDistanceWithin('a😀', '😀a', 2)).toBe(osa('a😀', '😀a'));
		expect(osa('a😀', '😀a')).toBe(2);
	});
});
