import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { listingFiles, loadLibrary } from '../src/papers/load-listings.ts';
import { endsComplete } from '../src/papers/parse-listing.ts';
import { titleKey } from '../src/papers/normalize.ts';
import { mulberry32, type Random } from './random.ts';

export interface SyntheticCorpus {
	dir: string;
	files: number;
	papers: number;
	bytes: number;
}
export interface CorpusOptions {
	seedsDir: string;
	outDir: string;
	papers: number;
	papersPerFile?: number;
	seed?: number;
}

/** Bump whenever the generated text changes, so corpora written by older code are not reused. */
const GENERATOR_VERSION = 1;
const MANIFEST = '.manifest.json';
const LISTING_NAME = /^listing-\d+\.txt$/;
const MAX_TITLE_CHARS = 250;
/** Seed abstracts are all longer; shorter ones could pass for a title and confuse the parser. */
const MIN_ABSTRACT_CHARS = 450;
const ENDS_SENTENCE = /[.!?]["')\]’]?$/u;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface Entry {
	title: string;
	abstract: string;
}
/** Source papers and the pieces synthetic ones are made of. */
export interface Material {
	papers: Entry[];
	lengths: number[];
	openers: string[];
	sentences: string[];
	words: string[];
	colons: [string, string][];
}

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

export function shuffle<T>(random: Random, items: { length: number; [index: number]: T }): void {
	for (let i = items.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[items[i], items[j]] = [items[j]!, items[i]!];
	}
}

// A boundary is end punctuation, space, then what can open a sentence; abbreviations
// ("e.g.", "i.e.", "U.S.", "w.r.t.", "et al.") end in a dot too but continue it.
const BOUNDARY = /[.!?]["')\]]?\s+(?=["'([]?[\p{Lu}\d])/gu;
const ABBREVIATION = /(?:\b(?:et al|vs|cf|Dr|Fig|Eq|Sec|approx|resp)|(?<![\p{L}\p{N}])(?:\p{L}\.)+\p{L})\.$/u;

function splitSentences(text: string): string[] {
	const sentences: string[] = [];
	let start = 0;
	for (const match of text.matchAll(BOUNDARY)) {
		const end = match.index + match[0].trimEnd().length;
		if (ABBREVIATION.test(text.slice(start, end).replace(/["')\]]$/, ''))) continue;
		sentences.push(text.slice(start, end));
		start = match.index + match[0].length;
	}
	sentences.push(text.slice(start));
	// Fragments of a few words are mostly bad splits; closing "Code: https://..." lines lack a final dot.
	return sentences.filter((s) => s.split(' ').length >= 4).map((s) => (ENDS_SENTENCE.test(s) ? s : `${s}.`));
}

async function loadMaterial(seedsDir: string): Promise<Material> {
	const papers = [...(await loadLibrary(seedsDir)).all()].map(({ title, abstract }) => ({ title, abstract }));
	if (papers.length === 0) throw new Error(`no seed papers in ${seedsDir}`);
	return materialOf(papers);
}

/** Cuts papers into the openers, sentences, title words and colon halves new papers are made of. */
export function materialOf(papers: Entry[]): Material {
	const material: Material = { papers, lengths: [], openers: [], sentences: [], words: [], colons: [] };
	for (const { title, abstract } of papers) {
		const [opener, ...rest] = splitSentences(abstract.replace(/\s+/g, ' '));
		if (opener) material.openers.push(opener);
		material.sentences.push(...rest);
		material.lengths.push(rest.length + 1);
		material.words.push(...title.split(' ').slice(1));
		const colon = /^(.+?): (.+)$/.exec(title);
		if (colon) material.colons.push([colon[1]!, colon[2]!]);
	}
	return material;
}

/** Replaces a word after the first, so titles keep a seed title's opening (and its capital). */
function spliceWord(random: Random, m: Material, title: string): string {
	const words = title.split(' ');
	if (words.length < 2) return `${title} ${pick(random, m.words)}`;
	words[1 + Math.floor(random() * (words.length - 1))] = pick(random, m.words);
	return words.join(' ');
}

function recombineTitle(random: Random, m: Material): string {
	const choice = random();
	if (choice < 0.35 && m.colons.length > 0) return `${pick(random, m.colons)[0]}: ${pick(random, m.colons)[1]}`;
	const a = pick(random, m.papers).title.split(' ');
	if (choice < 0.75) {
		const b = pick(random, m.papers).title.split(' ');
		return [...a.slice(0, Math.ceil(a.length / 2)), ...b.slice(Math.ceil(b.length / 2))].join(' ');
	}
	return spliceWord(random, m, a.join(' '));
}

export function uniqueTitle(random: Random, m: Material, taken: Set<string>): string {
	for (let attempt = 0; ; attempt++) {
		let title = recombineTitle(random, m);
		// Once easy combinations start colliding, stack splices: their variety is practically endless.
		for (let extra = 0; extra < attempt / 8; extra++) title = spliceWord(random, m, title);
		const key = titleKey(title);
		if (title.length < MAX_TITLE_CHARS && key !== '' && !taken.has(key)) {
			taken.add(key);
			return title;
		}
	}
}

export function synthAbstract(random: Random, m: Material): string {
	// Seed abstracts run 3-15 sentences (about 8); follow that shape within the 4-10 asked for.
	const target = Math.min(10, Math.max(4, pick(random, m.lengths)));
	const parts = [pick(random, m.openers)];
	const short = () => parts.join(' ').length < MIN_ABSTRACT_CHARS && parts.length < 10;
	while (parts.length < target || short()) parts.push(pick(random, m.sentences));
	return parts.join(' ');
}

/** Renders one page in one of the two shapes the seeds come in. */
function renderListing(random: Random, entries: Entry[]): string {
	// A seed abstract ending mid-sentence must not close the file: the parser would flag it as cut short.
	const last = entries.findLastIndex((e) => endsComplete(e.abstract));
	if (last >= 0) entries.push(...entries.splice(last, 1));
	// The parser strips a glued "Subscribe" only before a letter ("Subscribe3D ..." stays); capitals are safe.
	if (/^\p{Lu}/u.test(entries[0]!.title) && random() < 0.4) {
		const body = entries.map((e) => `${e.title}\n${e.abstract.replaceAll('\n\n', '\n')}`);
		return `Get trending papers in your email inbox once a day!\nGet trending papers in your email inbox!\nSubscribe${body.join('\n')}\n`;
	}
	const date = `${pick(random, MONTHS)} ${1 + Math.floor(random() * 28)}`;
	const chrome = [
		'new',
		'Get trending papers in your email inbox!',
		'Subscribe',
		...(random() < 0.5 ? ['Daily Papers'] : []),
		'byAK and the research community',
		date,
	];
	return `${[...chrome, ...entries.map((e) => `${e.title}\n\n${e.abstract}`)].join('\n\n')}\n`;
}

/** Identifies the parameters and seed files a corpus was made from. */
async function corpusKey(options: Required<CorpusOptions>): Promise<string> {
	const seeds = await Promise.all((await listingFiles(options.seedsDir)).map(async (path) => [basename(path), (await stat(path)).size]));
	const { papers, papersPerFile, seed } = options;
	return JSON.stringify({ version: GENERATOR_VERSION, papers, papersPerFile, seed, seeds });
}

/** A corpus is complete when its manifest matches and its files are all there at their recorded total size. */
export async function reusable(dir: string, key: string): Promise<SyntheticCorpus | undefined> {
	type Manifest = { key: string; corpus: SyntheticCorpus };
	const manifest = await readFile(join(dir, MANIFEST), 'utf8')
		.then((text) => JSON.parse(text) as Manifest)
		.catch(() => undefined);
	if (manifest?.key !== key) return undefined;
	const names = (await readdir(dir)).filter((name) => LISTING_NAME.test(name));
	const bytes = (await Promise.all(names.map(async (name) => (await stat(join(dir, name))).size))).reduce((sum, size) => sum + size, 0);
	return names.length === manifest.corpus.files && bytes === manifest.corpus.bytes ? { ...manifest.corpus, dir } : undefined;
}

/** Writes (or reuses) `papers` papers: every seed paper verbatim, then synthetic ones. */
export async function writeSyntheticCorpus(options: CorpusOptions): Promise<SyntheticCorpus> {
	const full = { papersPerFile: 1000, seed: 1, ...options, outDir: resolve(options.outDir) };
	const positive = (n: number) => Number.isInteger(n) && n > 0;
	if (!positive(full.papers) || !positive(full.papersPerFile)) throw new RangeError('papers and papersPerFile must be positive integers');
	const key = await corpusKey(full);
	const existing = await reusable(full.outDir, key);
	if (existing) return existing;

	const random = mulberry32(full.seed);
	const material = await loadMaterial(full.seedsDir);
	// A corpus smaller than the seeds holds only the first seed papers.
	const entries = material.papers.slice(0, full.papers);
	const taken = new Set(material.papers.map((p) => titleKey(p.title)));
	while (entries.length < full.papers)
		entries.push({ title: uniqueTitle(random, material, taken), abstract: synthAbstract(random, material) });
	shuffle(random, entries);

	await mkdir(full.outDir, { recursive: true });
	// Drop the manifest first: an interrupted rewrite must never look complete.
	await rm(join(full.outDir, MANIFEST), { force: true });
	for (const name of await readdir(full.outDir)) if (LISTING_NAME.test(name)) await rm(join(full.outDir, name));
	const corpus: SyntheticCorpus = { dir: full.outDir, files: 0, papers: entries.length, bytes: 0 };
	for (let start = 0; start < entries.length; start += full.papersPerFile) {
		const text = renderListing(random, entries.slice(start, start + full.papersPerFile));
		corpus.files++;
		corpus.bytes += Buffer.byteLength(text);
		await writeFile(join(full.outDir, `listing-${String(corpus.files).padStart(5, '0')}.txt`), text);
	}
	await writeFile(join(full.outDir, MANIFEST), JSON.stringify({ key, corpus }));
	return corpus;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	const [outDir, papers] = process.argv.slice(2);
	if (!outDir || !papers) throw new Error('usage: node bench/corpus.ts OUTDIR PAPERS');
	const seedsDir = fileURLToPath(new URL('../seeds', import.meta.url));
	console.log(JSON.stringify(await writeSyntheticCorpus({ seedsDir, outDir, papers: Number(papers) })));
}
