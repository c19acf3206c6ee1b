import { mergePaper } from '../papers/library.ts';
import { paperIdFor } from '../papers/normalize.ts';
import type { Paper, PaperDraft } from '../papers/paper.ts';

/** The text of a paper that search matches against. */
export type PaperText = Pick<Paper, 'title' | 'abstract'>;
import { DocumentTable, type DocumentLengths } from './document-table.ts';
import { paperTerms, TITLE_UNIT } from './paper-terms.ts';
import { PostingList, type PostingView } from './posting-list.ts';
import type { Segment } from './segment.ts';
import { Terms } from './terms.ts';

const NO_POSTINGS: readonly PostingView[] = [];

/**
 * The inverted index over papers: for every term, the papers it occurs in and how often in
 * title and abstract, plus the lengths BM25 normalizes by. It is a read-only segment (loaded
 * from the snapshot, shared by every search thread) plus the papers added since, which each
 * thread indexes itself. Papers are numbered in the order they were added, the segment's
 * first; a paper whose text changes gets a new number and its old one is retired.
 */
export class PaperIndex {
	readonly vocabulary: Terms;
	readonly #base: Segment | undefined;
	readonly #baseDocs: number;
	readonly #postings = new Map<number, PostingList>();
	/** The same postings restricted to titles: autocomplete scans these, a fraction of the full lists. */
	readonly #titlePostings = new Map<number, PostingList>();
	/** Papers added after the segment, and segment papers whose other fields (listings, links) changed. */
	readonly #papers: Paper[] = [];
	readonly #updated = new Map<number, Paper>();
	readonly #docOfId = new Map<string, number>();
	readonly #documents: DocumentTable;

	constructor(base?: Segment) {
		this.#base = base;
		this.vocabulary = new Terms(base);
		this.#baseDocs = base?.docCount ?? 0;
		this.#documents = new DocumentTable(base);
	}

	/** Papers currently searchable. */
	get size(): number {
		return this.#documents.live;
	}

	/** Highest document number plus one: the size of per-document scratch arrays. */
	get docCount(): number {
		return this.#baseDocs + this.#papers.length;
	}

	/** Papers added since the segment was built. */
	get addedCount(): number {
		return this.#papers.length;
	}

	lengths(): DocumentLengths {
		return this.#documents.lengths();
	}

	paper(doc: number): Paper {
		if (doc >= this.#baseDocs) return this.#papers[doc - this.#baseDocs]!;
		return this.#updated.get(doc) ?? this.#base!.paper(doc);
	}

	/** A paper's title, without decoding the rest of it. */
	title(doc: number): string {
		return doc < this.#baseDocs && !this.#updated.has(doc) ? this.#base!.title(doc) : this.paper(doc).title;
	}

	/** A paper's text, its abstract decoded only if read: what matching phrases needs, and no more. */
	text(doc: number): PaperText {
		if (doc >= this.#baseDocs || this.#updated.has(doc)) return this.paper(doc);
		const base = this.#base!;
		return {
			title: base.title(doc),
			get abstract() {
				return base.abstract(doc);
			},
		};
	}

	docOf(id: string): number | undefined {
		return this.#docOfId.get(id) ?? this.#base?.docOf(id);
	}

	isRetired(doc: number): boolean {
		return this.#documents.isRetired(doc);
	}

	/** The searchable papers, in document order. */
	*papers(): Generator<Paper> {
		for (let doc = 0; doc < this.docCount; doc++) if (!this.isRetired(doc)) yield this.paper(doc);
	}

	/** The ids of the searchable papers, without decoding the papers. */
	*ids(): Generator<string> {
		for (let doc = 0; doc < this.docCount; doc++) {
			if (!this.isRetired(doc)) yield doc < this.#baseDocs ? this.#base!.id(doc) : this.#papers[doc - this.#baseDocs]!.id;
		}
	}

	/** Where a term occurs: in the segment, then in papers added since (documents ascending throughout). */
	postings(termId: number, titlesOnly = false): readonly PostingView[] {
		const base = termId < (this.#base?.termCount ?? 0) ? this.#base!.postings(termId, titlesOnly) : undefined;
		const added = (titlesOnly ? this.#titlePostings : this.#postings).get(termId);
		if (base && added) return [base, added];
		return base ? [base] : added ? [added] : NO_POSTINGS;
	}

	/** Number of papers a term occurs in (retired ones still counted until rebuilt; they are rare). */
	documentFrequency(termId: number): number {
		const base = termId < (this.#base?.termCount ?? 0) ? this.#base!.documentFrequency(termId) : 0;
		return base + (this.#postings.get(termId)?.length ?? 0);
	}

	/** Papers as sources report them, merged with what the index knows of each (see `mergePaper`) and added. */
	merge(drafts: readonly PaperDraft[]): Paper[] {
		return drafts.map((draft) => {
			const id = paperIdFor(draft.title);
			const doc = this.docOf(id);
			const paper = mergePaper(id, doc === undefined ? undefined : this.paper(doc), draft);
			this.add(paper);
			return paper;
		});
	}

	/** Adds a paper, or re-indexes it when its text changed; returns its document number. */
	add(paper: Paper): number {
		const previous = this.docOf(paper.id);
		if (previous !== undefined && !this.isRetired(previous)) {
			const known = this.paper(previous);
			if (known.title === paper.title && known.abstract === paper.abstract) {
				if (previous < this.#baseDocs) this.#updated.set(previous, paper);
				else this.#papers[previous - this.#baseDocs] = paper;
				return previous;
			}
			this.#retire(previous);
		}
		const doc = this.#baseDocs + this.#papers.push(paper) - 1;
		this.#docOfId.set(paper.id, doc);
		const { titleLength, abstractLength, counts } = paperTerms(paper);
		this.#documents.add(doc, titleLength, abstractLength);
		counts.forEach((packed, term) => {
			const termId = this.vocabulary.intern(term);
			const titleCount = Math.floor(packed / TITLE_UNIT);
			listFor(this.#postings, termId).add(doc, titleCount, packed % TITLE_UNIT);
			if (titleCount > 0) listFor(this.#titlePostings, termId).add(doc, titleCount, 0);
		});
		return doc;
	}

	#retire(doc: number): void {
		this.#documents.retire(doc);
		this.#updated.delete(doc);
	}
}

function listFor(lists: Map<number, PostingList>, termId: number): PostingList {
	return lists.get(termId) ?? lists.set(termId, new PostingList()).get(termId)!;
}
