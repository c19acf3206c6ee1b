/**
 * The layout of an index segment: every section is a typed array at an 8-byte-aligned offset of
 * one buffer, so a segment read from disk into a SharedArrayBuffer is searchable as it lies, by
 * any number of threads, with no parsing and no copy.
 */
export const SECTIONS = {
	/** UTF-8 titles and abstracts, paper after paper. */
	text: Uint8Array,
	/** Where paper `d`'s title starts (2d) and its abstract (2d+1); one more entry ends the last abstract. */
	textStart: Float64Array,
	/** JSON of each paper's other fields (id, listings, links, authors). */
	meta: Uint8Array,
	metaStart: Float64Array,
	/** Each paper's id as 8 bytes (ids are 16 hex digits), and the papers in id order, for look-up by id. */
	ids: Uint8Array,
	idOrder: Uint32Array,
	titleLengths: Uint16Array,
	abstractLengths: Uint16Array,
	/** UTF-8 terms in byte order, so a term's id is its rank and prefixes are ranges. */
	terms: Uint8Array,
	termStart: Uint32Array,
	postingStart: Uint32Array,
	postingDocs: Uint32Array,
	/** Title count in the high byte, abstract count in the low byte (see PostingList). */
	postingCounts: Uint16Array,
	titlePostingStart: Uint32Array,
	titlePostingDocs: Uint32Array,
	titlePostingCounts: Uint16Array,
	/** The symmetric-deletion dictionary: a hash of each one-letter deletion of a term, sorted, and the term. */
	deletionHash: Uint32Array,
	deletionTerm: Uint32Array,
} as const;

export type SectionName = keyof typeof SECTIONS;
export type Section<N extends SectionName> = InstanceType<(typeof SECTIONS)[N]>;

export interface SegmentLayout {
	readonly docs: number;
	readonly terms: number;
	/** Sums of the papers' title and abstract lengths, in terms: BM25's averages. */
	readonly titleTotal: number;
	readonly abstractTotal: number;
	readonly byteLength: number;
	/** Byte offset and element count of every section. */
	readonly sections: Readonly<Record<SectionName, readonly [offset: number, length: number]>>;
}

/** Offsets for sections of the given element counts. */
export function planSections(lengths: Record<SectionName, number>): { sections: SegmentLayout['sections']; byteLength: number } {
	let offset = 0;
	const sections = {} as Record<SectionName, readonly [number, number]>;
	for (const name of Object.keys(SECTIONS) as SectionName[]) {
		sections[name] = [offset, lengths[name]];
		offset += Math.ceil((lengths[name] * SECTIONS[name].BYTES_PER_ELEMENT) / 8) * 8;
	}
	return { sections, byteLength: offset };
}

/** A typed view of one section. */
export function sectionView<N extends SectionName>(buffer: ArrayBufferLike, layout: SegmentLayout, name: N): Section<N> {
	const [offset, length] = layout.sections[name];
	// The constructors take shared and plain buffers alike; the union of their overloads does not say so.
	return new SECTIONS[name](buffer as ArrayBuffer, offset, length) as Section<N>;
}

/** FNV-1a over UTF-16 code units, 31 bits: collisions only add candidates, which edit distance then rejects. */
export function deletionHash(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
	return hash >>> 1;
}

/** A paper id (16 hex digits) as 8 bytes; undefined for anything else. */
export function idBytes(id: string): Buffer | undefined {
	return /^[0-9a-f]{16}$/.test(id) ? Buffer.from(id, 'hex') : undefined;
}
