import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { titleKey } from '../src/papers/normalize.ts';
import { endsComplete, parseListing } from '../src/papers/parse-listing.ts';
import { materialOf, reusable, shuffle, synthAbstract, uniqueTitle, type Entry, type Material, type SyntheticCorpus } from './corpus.ts';
import { mulberry32, type Random } from './random.ts';
import { ARXIV_DAILY, loadRealLibrary } from './real-corpus.ts';

export interface ScaleOptions {
	outDir: string;
	papers: number;
	papersPerFile?: number;
	seed?: number;
	realDir?: string;
}

/** Bump whenever the generated text changes, so corpora written by older code are not reused. */
const GENERATOR_VERSION = 1;
const MANIFEST = '.manifest.json';
/** Listings after the real ones' last day, one day per file, so every file has a date line as the real ones do. */
const FIRST_DAY = Date.UTC(2026, 6, 2);

/** The date line and entries of one listing, as the real files have them: date, blank, title, blank, abstract. */
function renderListing(day: number, entries: readonly Entry[]): string {
	const date = new Date(FIRST_DAY + day * 86_400_000).toISOString().slice(0, 10);
	return `${[date, ...entries.map((e) => `${e.title}\n\n${e.abstract}`)].join('\n\n')}\n`;
}

/** New papers made of real pieces, never taking a title that is taken; `taken` grows with each. */
export function* recombinedPapers(random: Random, material: Material, taken: Set<string>): Generator<Entry, never> {
	for (;;) yield { title: uniqueTitle(random, material, taken), abstract: synthAbstract(random, material) };
}

/**
 * Writes (or reuses) a corpus of `papers` papers: every real arXiv paper verbatim, the rest
 * recombined from their title words and abstract sentences, so the vocabulary stays real.
 * Papers are shuffled across files; each file is parsed back before it is written, so a
 * recombination the parser would misread fails here rather than skewing the figures.
 */
export async function writeScaleCorpus(options: ScaleOptions): Promise<SyntheticCorpus> {
	const full = { papersPerFile: 50_000, seed: 1, realDir: ARXIV_DAILY, ...options, outDir: resolve(options.outDir) };
	const realFiles = await Promise.all(
		(await readdir(full.realDir)).sort().map(async (name) => [name, (await stat(join(full.realDir, name))).size]),
	);
	const key = JSON.stringify({
		version: GENERATOR_VERSION,
		papers: full.papers,
		papersPerFile: full.papersPerFile,
		seed: full.seed,
		realFiles,
	});
	const existing = await reusable(full.outDir, key);
	if (existing) return existing;

	const real = [...(await loadRealLibrary(full.realDir)).library.all()].map(({ title, abstract }) => ({ title, abstract }));
	if (real.length > full.papers) throw new RangeError(`${full.papers} papers is fewer than the ${real.length} real ones`);
	const random = mulberry32(full.seed);
	const taken = new Set(real.map((p) => titleKey(p.title)));
	const made = recombinedPapers(random, materialOf(real), taken);
	// Which slot holds a real paper (its index) and which a new one (-1), shuffled once; new
	// papers are made file by file, so only one file's worth of text is in memory at a time.
	const slots = Int32Array.from({ length: full.papers }, (_, i) => (i < real.length ? i : -1));
	shuffle(random, slots);

	await mkdir(full.outDir, { recursive: true });
	// Drop the manifest first: an interrupted rewrite must never look complete.
	await rm(join(full.outDir, MANIFEST), { force: true });
	for (const name of await readdir(full.outDir)) if (/^listing-\d+\.txt$/.test(name)) await rm(join(full.outDir, name));
	const corpus: SyntheticCorpus = { dir: full.outDir, files: 0, papers: full.papers, bytes: 0 };
	for (let start = 0; start < full.papers; start += full.papersPerFile) {
		const entries = Array.from(slots.subarray(start, start + full.papersPerFile), (slot) => (slot >= 0 ? real[slot]! : made.next().value));
		// A few real abstracts end without a full stop; closing a file, one would read as cut short.
		entries.push(
			...entries.splice(
				entries.findLastIndex((e) => endsComplete(e.abstract)),
				1,
			),
		);
		const text = renderListing(corpus.files, entries);
		const name = `listing-${String(corpus.files + 1).padStart(5, '0')}.txt`;
		const parsed = parseListing(name, text);
		if (parsed.entries.length !== entries.length) {
			throw new Error(`${name} parses to ${parsed.entries.length} of its ${entries.length} papers: ${parsed.warnings[0]?.message ?? ''}`);
		}
		corpus.files++;
		corpus.bytes += Buffer.byteLength(text);
		await writeFile(join(full.outDir, name), text);
	}
	await writeFile(join(full.outDir, MANIFEST), JSON.stringify({ key, corpus }));
	return corpus;
}
