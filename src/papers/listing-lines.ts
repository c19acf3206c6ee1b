import { isTitleLike, looksLikeAbstract, mayBeUnpunctuatedSentence, readsAsShortSentence } from './line-kinds.ts';

export interface ContentLine {
	readonly text: string;
	/** 1-based line in the file. */
	readonly line: number;
	/** The line before glued chrome was cut off its front, when some was. */
	readonly unstripped?: string;
}

/**
 * The content lines of a listing and what each is, judged by structure: by its own words
 * and by the lines around it. Indices past either end read as nothing.
 */
export class ListingLines {
	readonly #lines: readonly ContentLine[];
	// Judged once per line: the parse asks about each line several times.
	readonly #prose: readonly boolean[];
	readonly #titleLike: readonly boolean[];
	readonly #starts: boolean[];

	constructor(lines: readonly ContentLine[]) {
		this.#lines = lines;
		this.#prose = lines.map((line) => looksLikeAbstract(line.text));
		this.#titleLike = lines.map((line) => isTitleLike(line.text));
		// Whether a line opens an entry depends on the lines after it, so this goes from the end back.
		this.#starts = new Array<boolean>(lines.length + 2).fill(false);
		for (let index = lines.length - 1; index >= 0; index--) this.#starts[index] = this.#opensEntry(index);
	}

	get length(): number {
		return this.#lines.length;
	}

	at(index: number): ContentLine | undefined {
		return this.#lines[index];
	}

	isProse(index: number): boolean {
		return this.#prose[index] === true;
	}

	isTitleCandidate(index: number): boolean {
		return this.#titleLike[index] === true;
	}

	/** Whether a line is the one-sentence abstract of the title before it, as far as its own words tell. */
	isShortAbstract(index: number): boolean {
		const text = this.#lines[index]?.text;
		if (text === undefined || this.isProse(index)) return false;
		return readsAsShortSentence(text) || (index > 0 && mayBeUnpunctuatedSentence(text, this.#lines[index - 1]!.text));
	}

	startsEntry(index: number): boolean {
		return this.#starts[index] === true;
	}

	/** A title and a one-sentence abstract that the lines after them do not confirm. */
	looksLikePair(index: number): boolean {
		return this.isTitleCandidate(index) && !this.isProse(index) && this.isShortAbstract(index + 1) && !this.startsEntry(index + 1);
	}

	#opensEntry(index: number): boolean {
		if (!this.isTitleCandidate(index)) return false;
		// A title is a short line whose next line is prose, unless that next line is itself
		// a title (titles can read like prose: "Is Model Collapse Inevitable? Breaking ...")
		// that owns the long prose after it.
		if (this.isProse(index + 1)) return !(this.isTitleCandidate(index + 1) && this.isProse(index + 2) && !this.isTitleCandidate(index + 2));
		// A one-sentence abstract is too short to tell by itself: it is one where the listing
		// alternates around it, after a title that is no prose, opening no entry of its own,
		// and followed by the next entry or the end.
		return (
			!this.isProse(index) &&
			this.isShortAbstract(index + 1) &&
			!this.startsEntry(index + 1) &&
			(index + 2 === this.length || this.startsEntry(index + 2))
		);
	}
}
