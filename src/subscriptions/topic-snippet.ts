import type { Paper } from '../papers/paper.js';
import { explain, type Snippet } from '../search/explain.js';
import type { ExpandedWord } from '../search/expand.js';
import { parseTopic } from './topic.js';

/**
 * The stretch of the abstract that shows why topics caught a paper, matched words marked;
 * made with the same explanation search results use.
 */
export function topicSnippet(paper: Paper, topicTexts: readonly string[]): Snippet {
	const words: ExpandedWord[] = topicTexts.flatMap((text) =>
		parseTopic(text).words.map((forms) => ({
			word: forms[0]!,
			expansions: forms.map((term) => ({ termId: -1, term, kind: 'exact' as const, factor: 1, papers: 0 })),
		})),
	);
	return explain(paper, words).snippet;
}
