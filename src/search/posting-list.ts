/** A run of postings, sorted by document: a live list, or a slice of a segment's arrays. */
export interface PostingView {
	readonly docs: Uint32Array;
	readonly counts: Uint16Array;
	readonly length: number;
}

/**
 * First position at or after `from` whose document is not below `doc` (galloping search):
 * probing a few candidates in a long list costs a few steps each instead of a full scan.
 */
export function lowerBound({ docs, length }: PostingView, doc: number, from = 0): number {
	let low = from;
	let step = 1;
	while (low + step < length && docs[low + step]! < doc) {
		low += step;
		step *= 2;
	}
	let high = Math.min(low + step, length);
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (docs[middle]! < doc) low = middle + 1;
		else high = middle;
	}
	return low;
}

/**
 * The papers one term occurs in, as growable typed arrays: a 100k-paper library has
 * millions of postings, and plain arrays of numbers would take several times the memory.
 * Each posting packs the term's count in the title (high byte) and in the abstract (low byte).
 * Documents are numbered in the order they are added, so every list is sorted by document.
 */
export class PostingList implements PostingView {
	docs = new Uint32Array(2);
	counts = new Uint16Array(2);
	length = 0;

	add(doc: number, titleCount: number, abstractCount: number): void {
		if (this.length === this.docs.length) {
			const docs = new Uint32Array(this.length * 2);
			docs.set(this.docs);
			this.docs = docs;
			const counts = new Uint16Array(this.length * 2);
			counts.set(this.counts);
			this.counts = counts;
		}
		this.docs[this.length] = doc;
		this.counts[this.length] = (Math.min(titleCount, 255) << 8) | Math.min(abstractCount, 255);
		this.length++;
	}
}
