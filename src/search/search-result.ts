import type { Paper } from '../papers/paper.js';
import type { ExpandedWord } from './expand.js';
import { explain, type Explanation, type Snippet, type WordMatch } from './explain.js';

export interface SearchResult {
	readonly paper: Paper;
	/** Relevance; comparable within one query only. */
	readonly score: number;
	readonly matches: readonly WordMatch[];
	readonly snippet: Snippet;
}

/** A result whose explanation is worked out when first read: ranking alone (relevance runs, benchmarks) never needs it. */
export class ExplainedResult implements SearchResult {
	#explanation: Explanation | undefined;

	constructor(
		readonly paper: Paper,
		readonly score: number,
		private readonly words: readonly ExpandedWord[],
	) {}

	get matches(): readonly WordMatch[] {
		return this.#explained().matches;
	}

	get snippet(): Snippet {
		return this.#explained().snippet;
	}

	#explained(): Explanation {
		return (this.#explanation ??= explain(this.paper, this.words));
	}
}
