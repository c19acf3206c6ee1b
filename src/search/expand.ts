import type { PaperIndex } from './paper-index.ts';

export type MatchKind = 'exact' | 'prefix' | 'fuzzy';

/** A corpus term a query word stands for, and how much a match through it is worth. */
export interface Expansion {
	readonly termId: number;
	readonly term: string;
	readonly kind: MatchKind;
	readonly factor: number;
	/** How many papers hold the term: what a channel topic is filed under is its rarest word. */
	readonly papers: number;
}

export interface ExpandedWord {
	readonly word: string;
	readonly expansions: readonly Expansion[];
}

/** A corrected word is worth less than the word typed, so exact matches win ties. */
const FUZZY_FACTOR = [1, 0.7, 0.45] as const;
const SHORT_FUZZY_FACTOR = 0.5;
const PREFIX_FACTOR = 0.75;
/** The most corrections or completions of one word that are scored: the most frequent. */
const MAX_EXPANSIONS = 12;
const PREFIX_SCAN = 4_000;
/** A correction is kept when it is at least 1/PLAUSIBLE_SHARE as common as the most common one. */
const PLAUSIBLE_SHARE = 10;
export const MIN_PREFIX_LENGTH = 2;

export interface ExpandOptions {
	readonly fuzzy: boolean;
	readonly prefix: boolean;
}

/** Finds the corpus terms a query word may mean: itself, its corrections, its completions. */
export function expandWord(index: PaperIndex, word: string, options: ExpandOptions): ExpandedWord {
	const { vocabulary } = index;
	const expansions: Expansion[] = [];
	const exact = vocabulary.id(word);
	if (exact !== undefined) expansions.push({ termId: exact, term: word, kind: 'exact', factor: 1, papers: index.documentFrequency(exact) });
	// Ties go by term, so the same corpus gives the same expansions however its index is laid out.
	const byFrequency = (a: Expansion, b: Expansion) =>
		b.factor - a.factor || b.papers - a.papers || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);
	if (options.fuzzy) {
		const corrections = vocabulary.similar(word).map(({ id, distance }): Expansion => ({
			termId: id,
			term: vocabulary.term(id),
			kind: 'fuzzy',
			factor: word.length < 5 ? SHORT_FUZZY_FACTOR : FUZZY_FACTOR[distance as 1 | 2],
			papers: index.documentFrequency(id),
		}));
		// The likely corrections of a typo are the common nearby words: "lage" means "large", not
		// "lake"; rare neighbours are noise, and they make the word look rare and so costly to score.
		const mostCommon = corrections.reduce((most, c) => Math.max(most, c.papers), 0);
		const plausible = corrections.filter((c) => c.papers * PLAUSIBLE_SHARE >= mostCommon);
		for (const expansion of plausible.sort(byFrequency).slice(0, MAX_EXPANSIONS)) expansions.push(expansion);
	}
	if (options.prefix && word.length >= MIN_PREFIX_LENGTH) {
		const known = new Set(expansions.map((expansion) => expansion.termId));
		// Thousands of terms may extend a short prefix: only those that can make the cut are decoded.
		const completions = vocabulary
			.extending(word, PREFIX_SCAN)
			.filter((id) => !known.has(id))
			.map((id) => ({ termId: id, papers: index.documentFrequency(id) }))
			.sort((a, b) => b.papers - a.papers);
		const cut = completions[MAX_EXPANSIONS - 1]?.papers ?? 0;
		const contenders = completions.filter(({ papers }) => papers >= cut);
		const decoded = contenders.map(({ termId, papers }): Expansion => ({
			termId,
			term: vocabulary.term(termId),
			kind: 'prefix',
			factor: PREFIX_FACTOR,
			papers,
		}));
		for (const expansion of decoded.sort(byFrequency).slice(0, MAX_EXPANSIONS)) expansions.push(expansion);
	}
	return { word, expansions };
}
