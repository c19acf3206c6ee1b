import type { Paper } from '../papers/paper.ts';
import type { ExpandedWord } from './expand.ts';
import { explain, type Explanation, type Snippet, type WordMatch } from './explain.ts';

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

	readonly paper: Paper;
	readonly score: number;
	private readonly words: readonly ExpandedWord[];
	constructor(paper: Paper, score: number, words: readonly ExpandedWord[]) {
		this.paper = paper;
		this.score = score;
		this.words = words;
	}

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
