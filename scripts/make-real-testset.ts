/**
 * Builds the real relevance test set (test/fixtures/real-testset.json) from the arXiv daily
 * listings in ../shared/corpora/real: typo'd titles, title runs with stopwords in them, names
 * from titles, abstract-only names, exact titles and topics. Expected answers come from the
 * data (each one the only paper it fits); ids are the library's, so titles seen twice count once.
 * Fixed-seed sampling makes reruns write the same file.
 */
import type { KnownKind, TestQuery } from '../bench/relevance.ts';
import { ARXIV_DAILY, loadRealLibrary, realCorpusAvailable } from '../bench/real-corpus.ts';
import { titleKey } from '../src/papers/normalize.ts';
import { REAL_TOPICS } from './real-topics.ts';
import { TextIndex } from './text-index.ts';
import { nameLike, pick, sampleQueries, titleWindows, tokens, typoTitle, withoutLinks, writeTestSet } from './testset-common.ts';

const OUT = 'test/fixtures/real-testset.json';
const PER_KIND = 50;
/** At 119k papers a topic with fewer relevant ones is a niche, not a topic. */
const MIN_RELEVANT = 30;
/** Words that carry no topic; a title run here must hold one, as people type them. */
const FUNCTION_WORDS = new Set(
	(
		'a an and are as at be but by can do does for from has have how in into is it its no not of on onto or our over ' +
		'than that the their them then there these this those through to toward towards under via vs was we were what when where which while who ' +
		'why will with without you your beyond versus'
	).split(' '),
);
const isFunctionWord = (word: string) =>
	titleKey(word)
		.split(' ')
		.every((w) => FUNCTION_WORDS.has(w));
/** A title's name: letters, digits and joiners ("TREC-DL19", "Qwen2.5-VL", "GRU-inspired"). */
const NAME = /[\p{L}\p{N}]+(?:[-+][\p{L}\p{N}]+|\.\d+)*/gu;
const LATEX = /\$[^$]*\$|\\[a-zA-Z]+/g;

const sample = (ix: TextIndex, kind: KnownKind, make: (i: number, rand: () => number) => string | undefined) =>
	sampleQueries(ix.papers, `real ${kind}`, kind, PER_KIND, make);

/** Titles people could type: no LaTeX, four words or more (a typo in two words can point anywhere). */
const typeable = (title: string) => !/[$\\{}]/.test(title) && title.split(' ').length >= 4;

function typoQueries(ix: TextIndex): TestQuery[] {
	// Every third one is lower-cased too, as titles are often typed in a hurry.
	return sample(ix, 'typo-title', (i, rand) => {
		const { title } = ix.papers[i]!;
		return typeable(title) && !ix.hasNearTitle(i, FUNCTION_WORDS) ? typoTitle(rand, title) : undefined;
	}).map((q, k) => (k % 3 === 0 ? { ...q, query: q.query.toLowerCase() } : q));
}

/** Runs of 3-4 title words holding one function word ("model pre-training via"); never the whole title. */
function titleRuns(title: string): string[] {
	return titleWindows(title)
		.filter((parts) => parts.filter((w) => !isFunctionWord(w)).length === parts.length - 1)
		.map((parts) => parts.join(' '));
}

function runQueries(ix: TextIndex): TestQuery[] {
	return sample(ix, 'title-run', (i, rand) => {
		const unique = titleRuns(ix.papers[i]!.title).filter((run) => ix.othersWith(run, i).length === 0);
		return unique.length > 0 ? pick(rand, unique) : undefined;
	});
}

/** A name is a token with a name-like part: a capital inside or letters mixed with digits. */
const isName = (token: string) => token.length >= 4 && token.split(/[-+]/).some((part) => nameLike(part) || /^\p{Lu}{3,}$/u.test(part));

function acronymQueries(ix: TextIndex): TestQuery[] {
	return sample(ix, 'acronym', (i, rand) => {
		const names = [...new Set(ix.papers[i]!.title.replace(LATEX, ' ').match(NAME) ?? [])].filter((name) => {
			if (!isName(name) || ix.othersWith(name, i).length > 0) return false;
			const key = titleKey(name);
			return key.includes(' ') || !ix.hasKin(key, i);
		});
		return names.length > 0 ? pick(rand, names.sort()) : undefined;
	});
}

function termQueries(ix: TextIndex): TestQuery[] {
	return sample(ix, 'abstract-term', (i, rand) => {
		const inTitle = new Set(ix.titles[i]!.split(' '));
		const prose = withoutLinks(ix.papers[i]!.abstract).replace(LATEX, ' ');
		const names = [...new Set(tokens(prose))].filter((t) => {
			const w = titleKey(t);
			return nameLike(t) && ix.docsWith(w).length === 1 && !inTitle.has(w) && !ix.hasKin(w, i);
		});
		return names.length > 0 ? pick(rand, names.sort()) : undefined;
	});
}

function exactQueries(ix: TextIndex): TestQuery[] {
	// A title inside another title names two papers; one- and two-word titles are topics more than titles.
	return sample(ix, 'exact-title', (i) => {
		const { title } = ix.papers[i]!;
		return title.split(' ').length >= 3 && ix.othersWith(title, i, true).length === 0 ? title : undefined;
	});
}

function topicQueries(ix: TextIndex): TestQuery[] {
	const topics: TestQuery[] = [];
	for (const { query, variants } of REAL_TOPICS) {
		const relevant = new Set(variants.flatMap((v) => ix.othersWith(v, -1)));
		const ids = [...relevant].sort((a, b) => a - b).map((doc) => ix.papers[doc]!.id);
		if (ids.length >= MIN_RELEVANT) topics.push({ kind: 'topic', query, relevant: ids });
		else console.warn(`topic "${query}" dropped: only ${ids.length} relevant papers`);
	}
	return topics;
}

if (!realCorpusAvailable()) throw new Error(`the real corpus is not at ${ARXIV_DAILY}`);
const { library } = await loadRealLibrary();
// Sorted by id so the sample does not depend on the order the listings were read in.
const ix = new TextIndex([...library.all()].sort((a, b) => (a.id < b.id ? -1 : 1)));
const queries = [
	...typoQueries(ix),
	...runQueries(ix),
	...acronymQueries(ix),
	...termQueries(ix),
	...exactQueries(ix),
	...topicQueries(ix),
];
await writeTestSet(OUT, 'shared/corpora/real/arxiv-daily', ix.papers.length, queries, true);
