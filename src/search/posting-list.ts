/**
 * The papers one term occurs in, as growable typed arrays: a 100k-paper library has
 * millions of postings, and plain arrays of numbers would take several times the memory.
 * Each posting packs the term's count in the title (high byte) and in the abstract (low byte).
 */
export class PostingList {
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
