import type { Paper } from '../papers/paper.ts';
import { explain, type Snippet } from '../search/explain.ts';
import type { ExpandedWord } from '../search/expand.ts';
import { parseTopic } from './topic.ts';

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
