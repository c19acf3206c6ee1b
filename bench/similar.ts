/**
 * `npm run bench:similar` (part of `npm run bench`): how close `/paper similar` comes to
 * exhaustive TF-IDF cosine over full titles and abstracts (every term, every paper, classic
 * idf log(N/df)) on the real arXiv listings, and how long a request takes in a search thread's
 * engine. Targets: mean top-5 overlap ≥ 0.8, p95 ≤ 20 ms.
 */
import { paperTerms, TITLE_UNIT } from '../src/search/paper-terms.ts';
import { buildSearchEngine } from '../src/search/build.ts';
import type { PaperIndex } from '../src/search/paper-index.ts';
import { ms, percentiles, timed } from './measure.ts';
import { mulberry32 } from './random.ts';
import { loadRealLibrary } from './real-corpus.ts';

const SOURCES = Number(process.env.BENCH_SIMILAR_SOURCES ?? 300);
const TOP = 5;
const DUPLICATE_COSINE = 0.9999;

/** Exhaustive cosine: term counts from the postings (the same tokenization as the papers' text), every document's full norm. */
class ExhaustiveCosine {
	readonly #idf: Float64Array;
	readonly #norm: Float64Array;
	readonly #dot: Float64Array;

	private readonly index: PaperIndex;
	constructor(index: PaperIndex) {
		this.index = index;
		const terms = index.vocabulary.size;
		this.#idf = new Float64Array(terms);
		this.#norm = new Float64Array(index.docCount);
		this.#dot = new Float64Array(index.docCount);
		for (let termId = 0; termId < terms; termId++) {
			const df = index.documentFrequency(termId);
			const idf = (this.#idf[termId] = df === 0 ? 0 : Math.log(index.size / df));
			this.#each(termId, (doc, tf) => (this.#norm[doc]! += (tf * idf) ** 2));
		}
		for (let doc = 0; doc < this.#norm.length; doc++) this.#norm[doc] = Math.sqrt(this.#norm[doc]!);
	}

	#each(termId: number, visit: (doc: number, tf: number) => void): void {
		for (const { docs, counts, length } of this.index.postings(termId)) {
			for (let k = 0; k < length; k++) visit(docs[k]!, (counts[k]! >> 8) + (counts[k]! & 0xff));
		}
	}

	/** The ids of the `count` papers of highest cosine with `doc`, itself and duplicates left out. */
	top(doc: number, count: number): string[] {
		const dot = this.#dot.fill(0);
		const source = this.index.paper(doc);
		for (const [term, packed] of paperTerms(source).counts) {
			const termId = this.index.vocabulary.id(term)!;
			const weight = (Math.floor(packed / TITLE_UNIT) + (packed % TITLE_UNIT)) * this.#idf[termId]!;
			this.#each(termId, (other, tf) => (dot[other]! += weight * tf * this.#idf[termId]!));
		}
		const ranked: { doc: number; score: number }[] = [];
		for (let other = 0; other < dot.length; other++) {
			if (other === doc || dot[other] === 0) continue;
			ranked.push({ doc: other, score: dot[other]! / (this.#norm[doc]! * this.#norm[other]!) });
		}
		ranked.sort((a, b) => b.score - a.score);
		const kept: string[] = [];
		for (const { doc: other, score } of ranked) {
			if (kept.length === count) break;
			const paper = this.index.paper(other);
			if (score < DUPLICATE_COSINE && paper.abstract !== source.abstract) kept.push(paper.id);
		}
		return kept;
	}
}

const { library } = await loadRealLibrary();
const { value: engine, ms: buildMs } = await timed(() => buildSearchEngine(library.all()));
console.log(`similar papers: ${engine.index.size.toLocaleString('en')} papers indexed in ${(buildMs / 1000).toFixed(1)} s`);
const random = mulberry32(12);
const sources = Array.from({ length: SOURCES }, () => Math.floor(random() * engine.index.docCount)).filter(
	(doc) => !engine.index.isRetired(doc),
);

// Warm the JIT on other papers first, as a bot that has answered a few requests is.
for (let i = 0; i < 50; i++) engine.similar(engine.index.paper((i * 7919) % engine.index.docCount).id);
// Timed first and apart from the reference, whose scans of every paper would stall the timings with garbage collection.
const found = new Map<number, string[]>();
const times: number[] = [];
// CPU time too: on a machine shared with other work, wall time also counts the time the process waited for a core.
const cpuTimes: number[] = [];
for (const doc of sources) {
	const { id } = engine.index.paper(doc);
	const start = performance.now();
	const cpu = process.cpuUsage();
	found.set(
		doc,
		engine.similar(id, TOP)!.results.map((r) => r.paper.id),
	);
	const { user, system } = process.cpuUsage(cpu);
	times.push(performance.now() - start);
	cpuTimes.push((user + system) / 1000);
}
const reference = new ExhaustiveCosine(engine.index);
const overlaps: number[] = [];
for (const doc of sources) {
	const expected = reference.top(doc, TOP);
	if (expected.length > 0) overlaps.push(found.get(doc)!.filter((paperId) => expected.includes(paperId)).length / expected.length);
}
const overlap = overlaps.reduce((sum, value) => sum + value, 0) / overlaps.length;
const { p50, p95 } = percentiles(times);
console.log(`similar papers over ${sources.length} random papers (targets: overlap ≥ 0.8, p95 ≤ 20 ms):`);
console.log(
	`  top-${TOP} overlap with exhaustive TF-IDF cosine: ${overlap.toFixed(3)} (mean; ${overlaps.filter((o) => o === 1).length} of ${overlaps.length} exactly the same five)`,
);
const cpu = percentiles(cpuTimes);
console.log(`  per request: p50 ${ms(p50)} ms, p95 ${ms(p95)} ms (CPU time: p50 ${ms(cpu.p50)} ms, p95 ${ms(cpu.p95)} ms)`);
const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
console.log(`  overlap target ${met(overlap >= 0.8)}, p95 target ${met(p95 <= 20)}`);
