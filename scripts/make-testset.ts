/**
 * Builds the search relevance test set (test/fixtures/search-testset.json) from the seed listings.
 * Every expected answer is derived from the data; only the topic list below is written by hand.
 * A fixed-seed PRNG makes reruns produce the same file, so diffs show real changes in the seeds.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLibrary } from '../src/papers/load-listings.js';
import { titleKey } from '../src/papers/normalize.js';
import type { Paper } from '../src/papers/paper.js';
import { mulberry32 } from '../bench/random.js';

type KnownKind = 'typo-title' | 'title-run' | 'acronym' | 'abstract-term';
type TestQuery =
	| { kind: KnownKind; query: string; expect: string; title: string }
	| { kind: 'topic'; query: string; relevant: string[] };
interface TestSet { generatedFrom: string; papers: number; queries: TestQuery[] }

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SEEDS = 'seeds';
const OUT = 'test/fixtures/search-testset.json';
const PER_KIND = 40;
/** Fewer relevant papers than this and precision@5 says little about ranking. */
const MIN_RELEVANT = 8;
const STOPWORDS = new Set(('a an the of for in with and to on via from by at as is are be or into onto towards toward through under over '
	+ 'not no do does how what when why can could your our its we you beyond without vs versus large using based').split(' '));

/** "What counts as about it": a paper is relevant when its title or abstract contains any variant. */
const TOPICS: { query: string; variants: string[] }[] = [
	{ query: 'test-time adaptation', variants: ['test-time adaptation', 'test time adaptation', 'test-time training', 'test-time adaptive'] },
	{ query: 'preference optimization', variants: ['preference optimization', 'direct preference optimization', 'DPO', 'preference alignment'] },
	{ query: 'label noise', variants: ['label noise', 'noisy label', 'noisy labels', 'noisy labeling', 'label errors'] },
	{ query: 'continual learning', variants: ['continual learning', 'lifelong learning', 'incremental learning', 'class-incremental'] },
	{ query: 'catastrophic forgetting', variants: ['catastrophic forgetting'] },
	{ query: 'knowledge distillation', variants: ['knowledge distillation'] },
	{ query: 'quantization', variants: ['quantization', 'quantized', 'quantizing'] },
	{ query: 'adversarial training', variants: ['adversarial training', 'adversarially trained'] },
	{ query: 'adversarial robustness', variants: ['adversarial robustness', 'adversarially robust'] },
	{ query: 'in-context learning', variants: ['in-context learning'] },
	{ query: 'scaling laws', variants: ['scaling laws', 'scaling law'] },
	{ query: 'out-of-distribution', variants: ['out-of-distribution', 'OOD'] },
	{ query: 'domain generalization', variants: ['domain generalization'] },
	{ query: 'domain adaptation', variants: ['domain adaptation'] },
	{ query: 'data selection', variants: ['data selection', 'data pruning', 'coreset', 'data filtering'] },
	{ query: 'calibration', variants: ['calibration', 'miscalibration', 'calibrated', 'miscalibrated'] },
	{ query: 'distribution shift', variants: ['distribution shift', 'distribution shifts', 'covariate shift', 'dataset shift'] },
	{ query: 'low-rank adaptation', variants: ['LoRA', 'low-rank adaptation', 'parameter-efficient fine-tuning', 'PEFT'] },
	{ query: 'mixture of experts', variants: ['mixture of experts', 'mixture-of-experts', 'MoE'] },
	{ query: 'instruction tuning', variants: ['instruction tuning', 'instruction-tuned'] },
	{ query: 'federated learning', variants: ['federated learning'] },
	{ query: 'contrastive learning', variants: ['contrastive learning'] },
	{ query: 'synthetic data', variants: ['synthetic data'] },
	{ query: 'memorization', variants: ['memorization', 'memorize', 'memorizing'] },
	{ query: 'long-tailed', variants: ['long-tailed', 'class imbalance', 'imbalanced'] },
	{ query: 'spurious correlations', variants: ['spurious correlations', 'spurious correlation', 'spurious features'] },
	{ query: 'model merging', variants: ['model merging', 'merging models', 'weight averaging', 'model soups', 'merged model'] },
	{ query: 'mathematical reasoning', variants: ['mathematical reasoning', 'math reasoning', 'math problems', 'mathematical problems'] },
	{ query: 'hallucination', variants: ['hallucination', 'hallucinations'] },
];

/** One generator per kind, so changing how one kind samples leaves the others' picks alone. */
function rngFor(name: string): () => number {
	let seed = 2166136261;
	for (const ch of name) seed = Math.imul(seed ^ ch.charCodeAt(0), 16777619);
	return mulberry32(seed);
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

function shuffled<T>(rand: () => number, items: readonly T[]): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rand() * (i + 1));
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}

const tokens = (text: string): string[] => text.match(/[\p{L}\p{N}]+/gu) ?? [];
/** Padded titleKey form, so `includes(' phrase ')` matches whole words only. */
const padded = (text: string): string => ` ${titleKey(text)} `;
const occursIn = (haystacks: readonly string[], self: number, phrase: string): boolean =>
	haystacks.some((text, i) => i !== self && text.includes(padded(phrase)));

const KEY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
/** Keys left/right on the same row and straight above/below: the slips people actually make. */
function neighbours(ch: string): string[] {
	const row = KEY_ROWS.findIndex((r) => r.includes(ch));
	if (row < 0) return [ch];
	const col = KEY_ROWS[row]!.indexOf(ch);
	const near = [KEY_ROWS[row]![col - 1], KEY_ROWS[row]![col + 1], KEY_ROWS[row - 1]?.[col], KEY_ROWS[row + 1]?.[col]];
	return near.filter((c): c is string => c !== undefined);
}

/** One typo at an interior letter; first and last letters stay, as they do in most real typos. */
function typo(rand: () => number, word: string): string {
	for (;;) {
		const i = 1 + Math.floor(rand() * (word.length - 2));
		const [head, ch, tail] = [word.slice(0, i), word[i]!, word.slice(i + 1)];
		const slip = pick(rand, neighbours(ch.toLowerCase()));
		const key = ch === ch.toUpperCase() ? slip.toUpperCase() : slip;
		const out = pick(rand, [
			head + key + tail, // substitution
			head + tail, // deletion
			head + key + ch + tail, // insertion
			i < word.length - 2 ? head + tail[0] + ch + tail.slice(1) : word, // transposition, last letter kept
		]);
		if (out !== word) return out;
	}
}

function typoTitle(rand: () => number, title: string): string | undefined {
	const words = title.split(' ');
	const long = words.flatMap((w, i) => (/^[^A-Za-z]*[A-Za-z]{5,}[^A-Za-z]*$/.test(w) ? [i] : []));
	if (long.length === 0) return undefined;
	const count = long.length > 1 && rand() < 0.5 ? 2 : 1;
	for (const i of shuffled(rand, long).slice(0, count)) words[i] = words[i]!.replace(/[A-Za-z]+/, (w) => typo(rand, w));
	return words.join(' ');
}

/** Titles too close to another for a typo query to single out; trigrams catch reworded and templated titles. */
function nearDuplicates(papers: readonly Paper[]): Set<number> {
	const trigrams = (key: string): Set<string> => new Set(Array.from({ length: key.length - 2 }, (_, i) => key.slice(i, i + 3)));
	const sets = papers.map((p) => trigrams(padded(p.title)));
	const close = new Set<number>();
	sets.forEach((a, i) => sets.slice(i + 1).forEach((b, k) => {
		const shared = [...a].filter((w) => b.has(w)).length;
		if (shared / (a.size + b.size - shared) >= 0.5) close.add(i).add(i + 1 + k);
	}));
	return close;
}

/** Runs of 3-4 title words; shorter than the whole title, which would just be a title query. */
function titleRuns(title: string): string[] {
	const words = title.split(/\s+/);
	const runs: string[] = [];
	for (let n = 3; n <= Math.min(4, words.length - 1); n++) {
		for (let s = 0; s + n <= words.length; s++) {
			const run = words.slice(s, s + n).join(' ').replace(/[:,.?!]$/, '');
			// Punctuation inside makes a run nobody types; a run free of stopwords is a noun phrase
			// ("Contextual Distraction Curse"), which reads as distinctive, unlike "Robustness as Easy".
			if (run.split(' ').every((w) => /^[\p{L}\p{N}][\p{L}\p{N}'+-]*$/u.test(w) && !STOPWORDS.has(titleKey(w)))) runs.push(run);
		}
	}
	return runs;
}

/** Abstract tokens that look like names: a capital letter inside, or letters mixed with digits. */
function nameLike(token: string): boolean {
	if (token.length < 4 || /^\d/.test(token)) return false; // 40GB, 36times, 110M are sizes, not names
	if (/^(iclr|icml|neurips|aaai|cvpr|iccv|eccv|acl|emnlp|naacl|ijcai|kdd)\d+$/i.test(token)) return false;
	if (/^[a-z]+\d{4}[a-z]+$/.test(token)) return false; // citation keys such as huang2024lazy
	return /.\p{Lu}/u.test(token) || (/\d/.test(token) && /\p{L}/u.test(token));
}

/** The papers with the padded titleKey forms of each title, and of each title plus abstract. */
interface Corpus { papers: Paper[]; titles: string[]; texts: string[] }

/** Walks the papers in a seeded random order and keeps the first PER_KIND queries `make` finds. */
function sample(c: Corpus, kind: KnownKind, make: (i: number, rand: () => number) => string | undefined): TestQuery[] {
	const rand = rngFor(kind);
	const out: TestQuery[] = [];
	for (const i of shuffled(rand, c.papers.map((_, i) => i))) {
		if (out.length === PER_KIND) break;
		const query = make(i, rand);
		if (query) out.push({ kind, query, expect: c.papers[i]!.id, title: c.papers[i]!.title });
	}
	return out;
}

function typoQueries(c: Corpus): TestQuery[] {
	const close = nearDuplicates(c.papers);
	// Every third one is lower-cased too, as titles are often typed in a hurry.
	return sample(c, 'typo-title', (i, rand) => (close.has(i) ? undefined : typoTitle(rand, c.papers[i]!.title)))
		.map((q, k) => (k % 3 === 0 ? { ...q, query: q.query.toLowerCase() } : q));
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
		// Repository owners and commit hashes in code links are not terms anyone searches for.
		const prose = c.papers[i]!.abstract.replace(/\S*(https?:\/\/|www\.|\.(com|org|io|co|ai)\/)\S*/gi, ' ');
		const names = [...new Set(tokens(prose))].filter((t) => {
			const w = titleKey(t);
			return nameLike(t) && df.get(w) === 1 && !inTitle.has(w) && !hasKin(w);
		});
		return names.length > 0 ? pick(rand, names) : undefined;
	});
}

function topicQueries(c: Corpus): TestQuery[] {
	const topics: TestQuery[] = [];
	for (const { query, variants } of TOPICS) {
		const relevant = c.papers.filter((_, i) => variants.some((v) => c.texts[i]!.includes(padded(v)))).map((p) => p.id);
		if (relevant.length >= MIN_RELEVANT) topics.push({ kind: 'topic', query, relevant });
		else console.warn(`topic "${query}" dropped: only ${relevant.length} relevant papers`);
	}
	return topics;
}

/** A summary and a few examples of each kind, for a human to sanity-check. */
function printSummary(queries: readonly TestQuery[]): void {
	for (const kind of new Set(queries.map((q) => q.kind))) {
		const ofKind = queries.filter((q) => q.kind === kind);
		console.log(`\n${kind}: ${ofKind.length}`);
		for (const q of ofKind.slice(0, 5)) console.log(`  ${JSON.stringify(q.query)}  ->  ${'expect' in q ? q.title : `${q.relevant.length} relevant`}`);
	}
}

const library = await loadLibrary(join(ROOT, SEEDS));
// Sorted by id so the sample does not depend on the order the listings were read in.
const papers = [...library.all()].sort((a, b) => (a.id < b.id ? -1 : 1));
const corpus: Corpus = { papers, titles: papers.map((p) => padded(p.title)), texts: papers.map((p) => padded(`${p.title} ${p.abstract}`)) };
const queries = [...typoQueries(corpus), ...runQueries(corpus), ...acronymQueries(corpus), ...termQueries(corpus), ...topicQueries(corpus)];
const testSet: TestSet = { generatedFrom: SEEDS, papers: papers.length, queries };
await mkdir(dirname(join(ROOT, OUT)), { recursive: true });
await writeFile(join(ROOT, OUT), `${JSON.stringify(testSet, null, 2)}\n`);
console.log(`wrote ${OUT}: ${queries.length} queries over ${papers.length} papers`);
printSummary(queries);
