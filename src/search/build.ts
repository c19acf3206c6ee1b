import type { Paper } from '../papers/paper.js';
import { PaperIndex } from './paper-index.js';
import { SearchEngine } from './search-engine.js';
import { Segment } from './segment.js';
import { writeSegment, type SegmentData } from './segment-writer.js';

/** An engine over a segment (papers added later are indexed on top of it). */
export function searchEngineOver(segment: SegmentData): SearchEngine {
	return new SearchEngine(new PaperIndex(new Segment(segment)));
}

/** Indexes papers with distinct ids into a segment and returns an engine over it. */
export function buildSearchEngine(papers: Iterable<Paper>): SearchEngine {
	return searchEngineOver(writeSegment(papers));
}
