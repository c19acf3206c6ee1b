import type { ExpandedWord } from './expand.ts';
import type { PaperIndex, PaperText } from './paper-index.ts';
import { lowerBound, type PostingView as Postings } from './posting-list.ts';
import { phrasePattern } from './query.ts';
import { terms } from './tokenize.ts';

/**
 * Finding the papers holding every word walks the rarest word's postings, so it is done
 * while that word is in at most RUN_SCAN papers. Those papers are then looked through for the
 * words standing together: whole texts while at most TEXT_CHECKS, else titles while at most
 * TITLE_CHECKS hold every word there. Past those the words are common, and the best-scored
 * candidates, which are checked anyway, are mostly papers with the words together.
 */
const RUN_SCAN = 10_000;
const TEXT_CHECKS = 500;
const TITLE_CHECKS = 2_000;

/**
 * The query's terms standing together, in order and stopwords included; none for a single
 * term. With `openEnd` the last term may be a word still being typed.
 */
export function togetherPattern(text: string, openEnd: boolean): RegExp | undefined {
	const queryTerms = terms(text);
	return queryTerms.length >= 2 ? phrasePattern(queryTerms, openEnd) : undefined;
}

/** Whether the words stand together in the paper's title, or in its abstract unless only titles count. */
export function standsTogether(paper: PaperText, pattern: RegExp, titlesOnly: boolean): boolean {
	return pattern.test(paper.title) || (!titlesOnly && pattern.test(paper.abstract));
}

const held = (lists: readonly Postings[]) => lists.reduce((sum, list) => sum + list.length, 0);

/** A group this many times longer than the papers left is probed for each of them instead of walked. */
const PROBE_RATIO = 16;

/** The papers in any of the lists, in document order. */
function union(lists: readonly Postings[]): Uint32Array {
	const docs = new Uint32Array(held(lists));
	let size = 0;
	for (const list of lists) for (let k = 0; k < list.length; k++) docs[size++] = list.docs[k]!;
	if (lists.length === 1) return docs;
	docs.sort();
	let kept = 0;
	for (let i = 0; i < size; i++) if (i === 0 || docs[i] !== docs[i - 1]) docs[kept++] = docs[i]!;
	return docs.subarray(0, kept);
}

/**
 * The papers holding, for every group, one of its terms (in their titles if asked), in
 * document order; none when the rarest group is held by more than `limit` papers. Starting
 * from the rarest group, each next group keeps the papers it holds: a short group is walked
 * against marks, a long one probed for each paper left, whichever reads less.
 */
export function holdingAll(
	index: PaperIndex,
	groups: readonly (readonly number[])[],
	titlesOnly: boolean,
	limit: number,
): Uint32Array | undefined {
	const lists = groups.map((ids) => ids.flatMap((id) => index.postings(id, titlesOnly))).sort((a, b) => held(a) - held(b));
	if (lists.length === 0 || held(lists[0]!) > limit) return undefined;
	let docs = union(lists[0]!);
	let marks: Uint8Array | undefined;
	for (const group of lists.slice(1)) {
		let kept = 0;
		if (held(group) > docs.length * PROBE_RATIO) {
			const at = group.map(() => 0);
			for (let i = 0; i < docs.length; i++) {
				const doc = docs[i]!;
				for (let j = 0; j < group.length; j++) {
					const list = group[j]!;
					at[j] = lowerBound(list, doc, at[j]);
					if (list.docs[at[j]!] === doc) {
						docs[kept++] = doc;
						break;
					}
				}
			}
		} else {
			marks ??= new Uint8Array(index.docCount);
			for (let i = 0; i < docs.length; i++) marks[docs[i]!] = 1;
			for (const list of group) for (let k = 0; k < list.length; k++) if (marks[list.docs[k]!] === 1) marks[list.docs[k]!] = 2;
			for (let i = 0; i < docs.length; i++) {
				const doc = docs[i]!;
				if (marks[doc] === 2) docs[kept++] = doc;
				marks[doc] = 0;
			}
		}
		docs = docs.subarray(0, kept);
		if (kept === 0) break;
	}
	return docs;
}

/** Whether the words stand together in a paper where findRuns did not look. */
export function togetherElsewhere(paper: PaperText, pattern: RegExp, runs: Runs, titlesOnly: boolean): boolean {
	if (runs.searched === 'text') return false;
	if (runs.searched === 'titles') return pattern.test(paper.abstract);
	return standsTogether(paper, pattern, titlesOnly);
}

/** Papers with the words together found wherever their score puts them, and where they were looked for. */
export interface Runs {
	readonly docs: Uint32Array;
	/** Every paper holding all the words was looked through: in its `titles` only, or in all of the `text` searched. */
	readonly searched: 'text' | 'titles' | 'none';
}

/**
 * The papers where the words stand together: of those holding every word's exact form (or a
 * completion of a last word being typed), found from the postings, the ones matching `pattern`.
 */
export function findRuns(index: PaperIndex, words: readonly ExpandedWord[], pattern: RegExp, titlesOnly: boolean, openEnd: boolean): Runs {
	const groups = words.map((word, i) => {
		const typing = openEnd && i === words.length - 1;
		return word.expansions.filter(({ kind }) => kind === 'exact' || (typing && kind === 'prefix')).map(({ termId }) => termId);
	});
	// A word being typed that is too short to complete yet is left to the pattern.
	if (openEnd && groups.at(-1)?.length === 0) groups.pop();
	const inTexts = titlesOnly ? undefined : holdingAll(index, groups, false, RUN_SCAN);
	if (inTexts && inTexts.length <= TEXT_CHECKS)
		return { docs: inTexts.filter((doc) => standsTogether(index.text(doc), pattern, false)), searched: 'text' };
	const inTitles = holdingAll(index, groups, true, RUN_SCAN);
	if (inTitles && inTitles.length <= TITLE_CHECKS)
		return { docs: inTitles.filter((doc) => pattern.test(index.title(doc))), searched: titlesOnly ? 'text' : 'titles' };
	return { docs: new Uint32Array(0), searched: 'none' };
}
