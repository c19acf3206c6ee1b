import type { Logger } from '../../logger.ts';
import { ARXIV_LISTING, parseArxivAtom } from './arxiv.ts';
import { HttpPaperSource } from './http-source.ts';
import { HUGGING_FACE_LISTING, parseHuggingFaceDaily } from './hugging-face.ts';

export { parseArxivAtom } from './arxiv.ts';
export { HttpPaperSource, type HttpPaperSourceOptions } from './http-source.ts';
export { parseHuggingFaceDaily } from './hugging-face.ts';
export { SourceFormatError, type ParsedFeed } from './parsed-feed.ts';

export interface PaperSourceSettings {
	/** The Hugging Face daily papers API, e.g. https://huggingface.co/api/daily_papers. */
	readonly huggingFaceUrl?: string;
	/** An arXiv API query, e.g. https://export.arxiv.org/api/query?search_query=cat:cs.LG&sortBy=submittedDate&max_results=100. */
	readonly arxivUrl?: string;
	readonly intervalMs: number;
	readonly logger: Logger;
}

/** The sources the settings turn on: one per URL given, none when there is none. */
export function createPaperSources({ huggingFaceUrl, arxivUrl, intervalMs, logger }: PaperSourceSettings): HttpPaperSource[] {
	const sources: HttpPaperSource[] = [];
	if (huggingFaceUrl)
		sources.push(
			new HttpPaperSource({ name: HUGGING_FACE_LISTING, url: huggingFaceUrl, parse: parseHuggingFaceDaily, intervalMs, logger }),
		);
	if (arxivUrl) sources.push(new HttpPaperSource({ name: ARXIV_LISTING, url: arxivUrl, parse: parseArxivAtom, intervalMs, logger }));
	return sources;
}
