/**
 * Builds the search relevance test set (test/fixtures/search-testset.json) from the seed listings.
 * Kinds: typo'd titles, stopword-free title runs, names before a title's colon, abstract-only names,
 * exact titles and topics. Every expected answer is derived from the data; only the topic list below is written by hand.
 * A fixed-seed PRNG makes reruns produce the same file, so diffs show real changes in the seeds.
 */
import { join } from 'node:path';
import type { KnownKind, TestQuery } from '../bench/relevance.ts';
import { loadLibrary } from '../src/papers/load-listings.ts';
import { titleKey } from '../src/papers/normalize.ts';
import type { Paper } from '../src/papers/paper.ts';
import { SEED_TOPICS } from './seed-topics.ts';
import {
	nameLike,
	padded,
	pick,
	ROOT,
	sampleQueries,
	STOPWORDS,
	titleWindows,
	tokens,
	typoTitle,
	withoutLinks,
	writeTestSet,
} from './testset-common.ts';

const SEEDS = 'seeds';
const OUT = 'test/fixtures/search-testset.json';
const PER_KIND = 40;
/** Fewer relevant papers than this and precision@5 says little about ranking. */
const MIN_RELEVANT = 8;

const occursIn = (haystacks: readonly string[], self: number, phrase: string): boolean =>
	haystacks.some((text, i) => i !== self && text.includes(padded(phrase)));

/** Titles too close to another for a typo query to single out; trigrams catch reworded and templated titles. */
function nearDuplicates(papers: readonly Paper[]): Set<number> {
	const trigrams = (key: string): Set<string> => new Set(Array.from({ length: key.length - 2 }, (_, i) => key.slice(i, i + 3)));
	const sets = papers.map((p) => trigrams(padded(p.title)));
	const close = new Set<number>();
	sets.forEach((a, i) =>
		sets.slice(i + 1).forEach((b, k) => {
			const shared = [...a].filter((w) => b.has(w)).length;
			if (shared / (a.size + b.size - shared) >= 0.5) close.add(i).add(i + 1 + k);
		}),
	);
	return close;
}

/**
 * Runs of 3-4 title words free of stopwords: a noun phrase ("Contextual Distraction Curse")
 * reads as distinctive, unlike "Robustness as Easy".
 */
function titleRuns(title: string): string[] {
	return titleWindows(title)
		.filter((parts) => parts.every((w) => !STOPWORDS.has(titleKey(w))))
		.map((parts) => parts.join(' '));
}

/** The papers with the padded titleKey forms of each title, and of each title plus abstract. */
interface Corpus {
	papers: Paper[];
	titles: string[];
	texts: string[];
}

/** The first PER_KIND queries `make` finds, the papers walked in a seeded random order. */
const sample = (c: Corpus, kind: KnownKind, make: (i: number, rand: () => number) => string | undefined) =>
	sampleQueries(c.papers, kind, kind, PER_KIND, make);

function typoQueries(c: Corpus): TestQuery[] {
	const close = nearDuplicates(c.papers);
	// Every third one is lower-cased too, as titles are often typed in a hurry.
	return sample(c, 'typo-title', (i, rand) => (close.has(i) ? undefined : typoTitle(rand, c.papers[i]!.title))).map((q, k) =>
		k % 3 === 0 ? { ...q, query: q.query.toLowerCase() } : q,
	);
}

function runQueries(c: Corpus): TestQuery[] {
	return sample(c, 'title-run', (i, rand) => {
		const unique = titleRuns(c.papers[i]!.title).filter((run) => !occursIn(c.texts, i, run));
		return unique.length > 0 ? pick(rand, unique) : undefined;
	});
}

function acronymQueries(c: Corpus): TestQuery[] {
	return sample(c, 'acronym', (i) => {
		const name = /^\s*([\p{L}\p{N}+-]{2,20})\s*:/u.exec(c.papers[i]!.title)?.[1];
		return name && /\p{L}/u.test(name) && !occursIn(c.titles, i, name) ? name : undefined;
	});
}

function termQueries(c: Corpus): TestQuery[] {
	// Document frequency over every paper's full text, URLs included, so nothing counts as unique by accident.
	const df = new Map<string, number>();
	for (const text of c.texts) for (const w of new Set(text.trim().split(' '))) df.set(w, (df.get(w) ?? 0) + 1);
	const vocabulary = [...df.keys()];
	// A close relative anywhere (RNNs/RNN, AutoAttacked/AutoAttack) would stop it being unique after stemming.
	const hasKin = (w: string): boolean =>
		vocabulary.some((v) => v !== w && Math.abs(v.length - w.length) <= 2 && (v.startsWith(w) || w.startsWith(v)));
	return sample(c, 'abstract-term', (i, rand) => {
		const inTitle = new Set(c.titles[i]!.split(' '));
		const prose = withoutLinks(c.papers[i]!.abstract);
		const names = [...new Set(tokens(prose))].filter((t) => {
			const w = titleKey(t);
			return nameLike(t) && df.get(w) === 1 && !inTitle.has(w) && !hasKin(w);
		});
		return names.length > 0 ? pick(rand, names) : undefined;
	});
}

function exactQueries(c: Corpus): TestQuery[] {
	// A title that another title contains ("Grokking" in "Grokking at the Edge") names two papers;
	// one- and two-word titles are asked for as topics more than as titles.
	return sample(c, 'exact-title', (i) => {
		const title = c.papers[i]!.title;
		return title.split(' ').length >= 3 && !occursIn(c.titles, i, title) ? title : undefined;
	});
}

function topicQueries(c: Corpus): TestQuery[] {
	const topics: TestQuery[] = [];
	for (const { query, variants } of SEED_TOPICS) {
		const relevant = c.papers.filter((_, i) => variants.some((v) => c.texts[i]!.includes(padded(v)))).map((p) => p.id);
		if (relevant.length >= MIN_RELEVANT) topics.push({ kind: 'topic', query, relevant });
		else console.warn(`topic "${query}" dropped: only ${relevant.length} relevant papers`);
	}
	return topics;
}

const library = await loadLibrary(join(ROOT, SEEDS));
// Sorted by id so the sample does not depend on the order the listings were read in.
const papers = [...library.all()].sort((a, b) => (a.id < b.id ? -1 : 1));
const corpus: Corpus = { papers, titles: papers.map((p) => padded(p.title)), texts: papers.map((p) => padded(`${p.title} ${p.abstract}`)) };
const queries = [
	...typoQueries(corpus),
	...runQueries(corpus),
	...acronymQueries(corpus),
	...termQueries(corpus),
	...exactQueries(corpus),
	...topicQueries(corpus),
];
await writeTestSet(OUT, SEEDS, papers.length, queries);
