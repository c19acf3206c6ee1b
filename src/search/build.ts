import type { Paper } from '../papers/paper.ts';
import { PaperIndex } from './paper-index.ts';
import { SearchEngine } from './search-engine.ts';
import { Segment } from './segment.ts';
import { writeSegment, type SegmentData } from './segment-writer.ts';

/** An engine over a segment (papers added later are indexed on top of it). */
export function searchEngineOver(segment: SegmentData): SearchEngine {
	return new SearchEngine(new PaperIndex(new Segment(segment)));
}

/** Indexes papers with distinct ids into a segment and returns an engine over it. */
export function buildSearchEngine(papers: Iterable<Paper>): SearchEngine {
	return searchEngineOver(writeSegment(papers));
}
