import type { Paper } from '../src/papers/paper.ts';
import { padded } from './testset-common.ts';

/**
 * Which papers hold a word or a phrase, over 119k papers: the seeds generator scans every text
 * per check, which at this size would take hours. Words are titleKey words; texts are padded.
 */
export class TextIndex {
	readonly titles: string[];
	readonly texts: string[];
	readonly #docs = new Map<string, number[]>();
	readonly #titleDocs = new Map<string, number[]>();
	#sorted: string[] | undefined;

	readonly papers: readonly Paper[];
	constructor(papers: readonly Paper[]) {
		this.papers = papers;
		this.titles = papers.map((p) => padded(p.title));
		this.texts = papers.map((p, i) => `${this.titles[i]!}${padded(p.abstract).slice(1)}`);
		const post = (map: Map<string, number[]>, text: string, doc: number) => {
			for (const word of new Set(text.trim().split(' '))) {
				const docs = map.get(word);
				if (docs) docs.push(doc);
				else map.set(word, [doc]);
			}
		};
		this.texts.forEach((text, doc) => post(this.#docs, text, doc));
		this.titles.forEach((title, doc) => post(this.#titleDocs, title, doc));
	}

	/** Papers whose title and abstract hold the word; titleKey form. */
	docsWith(word: string): readonly number[] {
		return this.#docs.get(word) ?? [];
	}

	titleDocsWith(word: string): readonly number[] {
		return this.#titleDocs.get(word) ?? [];
	}

	/** Papers other than `self` holding the phrase as whole words, in the title and abstract or the title alone. */
	othersWith(phrase: string, self: number, titlesOnly = false): number[] {
		const needle = padded(phrase);
		const words = needle.trim().split(' ');
		const lookup = (word: string) => (titlesOnly ? this.titleDocsWith(word) : this.docsWith(word));
		const rarest = words.reduce((best, word) => (lookup(word).length < lookup(best).length ? word : best));
		const haystacks = titlesOnly ? this.titles : this.texts;
		return lookup(rarest).filter((doc) => doc !== self && haystacks[doc]!.includes(needle));
	}

	/**
	 * Whether another paper holds a close relative: the word with up to two letters more or
	 * fewer at its end (RNNs/RNN, AutoAttacked/AutoAttack), which stemming or completion would conflate.
	 */
	hasKin(word: string, self: number): boolean {
		const elsewhere = (other: string) => this.docsWith(other).some((doc) => doc !== self);
		if ([1, 2].some((cut) => word.length - cut >= 2 && elsewhere(word.slice(0, -cut)))) return true;
		const sorted = (this.#sorted ??= [...this.#docs.keys()].sort());
		let low = 0;
		for (let high = sorted.length; low < high;) {
			const middle = (low + high) >>> 1;
			if (sorted[middle]! <= word) low = middle + 1;
			else high = middle;
		}
		for (let i = low; i < sorted.length && sorted[i]!.startsWith(word); i++) {
			if (sorted[i]!.length - word.length <= 2 && elsewhere(sorted[i]!)) return true;
		}
		return false;
	}

	/** Titles sharing at least half their distinct words with this one: a typo could not tell them apart. */
	hasNearTitle(self: number, ignore: ReadonlySet<string>): boolean {
		const words = [...new Set(this.titles[self]!.trim().split(' '))].filter((w) => !ignore.has(w));
		const shared = new Map<number, number>();
		for (const word of words) for (const doc of this.titleDocsWith(word)) if (doc !== self) shared.set(doc, (shared.get(doc) ?? 0) + 1);
		for (const [doc, count] of shared) {
			const other = new Set(
				this.titles[doc]!.trim()
					.split(' ')
					.filter((w) => !ignore.has(w)),
			).size;
			if (count / (words.length + other - count) >= 0.5) return true;
		}
		return false;
	}
}
