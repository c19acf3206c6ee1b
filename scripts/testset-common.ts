/** What the seeds and the real test-set generators share: seeded sampling, typos, name-like tokens. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KnownKind, TestQuery } from '../bench/relevance.ts';
import { mulberry32 } from '../bench/random.ts';
import { titleKey } from '../src/papers/normalize.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export const STOPWORDS = new Set(
	(
		'a an the of for in with and to on via from by at as is are be or into onto towards toward through under over ' +
		'not no do does how what when why can could your our its we you beyond without vs versus large using based'
	).split(' '),
);

/** One generator per kind, so changing how one kind samples leaves the others' picks alone. */
export function rngFor(name: string): () => number {
	let seed = 2166136261;
	for (const ch of name) seed = Math.imul(seed ^ ch.charCodeAt(0), 16777619);
	return mulberry32(seed);
}

export const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

export function shuffled<T>(rand: () => number, items: readonly T[]): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rand() * (i + 1));
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}

export const tokens = (text: string): string[] => text.match(/[\p{L}\p{N}]+/gu) ?? [];
/** Padded titleKey form, so `includes(' phrase ')` matches whole words only. */
export const padded = (text: string): string => ` ${titleKey(text)} `;

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

/** One or two typos in words of five letters or more; undefined when the title has none. */
export function typoTitle(rand: () => number, title: string): string | undefined {
	const words = title.split(' ');
	const long = words.flatMap((w, i) => (/^[^A-Za-z]*[A-Za-z]{5,}[^A-Za-z]*$/.test(w) ? [i] : []));
	if (long.length === 0) return undefined;
	const count = long.length > 1 && rand() < 0.5 ? 2 : 1;
	for (const i of shuffled(rand, long).slice(0, count)) words[i] = words[i]!.replace(/[A-Za-z]+/, (w) => typo(rand, w));
	return words.join(' ');
}

/** Abstract tokens that look like names: a capital letter inside, or letters mixed with digits. */
export function nameLike(token: string): boolean {
	if (token.length < 4 || /^\d/.test(token)) return false; // 40GB, 36times, 110M are sizes, not names
	if (/^(iclr|icml|neurips|aaai|cvpr|iccv|eccv|acl|emnlp|naacl|ijcai|kdd)\d+$/i.test(token)) return false;
	if (/^[a-z]+\d{4}[a-z]+$/.test(token)) return false; // citation keys such as huang2024lazy
	return /.\p{Lu}/u.test(token) || (/\d/.test(token) && /\p{L}/u.test(token));
}

/** Repository owners and commit hashes in code links are not terms anyone searches for. */
export const withoutLinks = (text: string): string => text.replace(/\S*(https?:\/\/|www\.|\.(com|org|io|co|ai)\/)\S*/gi, ' ');

/**
 * Writes the test set and prints a summary with a few examples of each kind, for a human to sanity-check.
 * `compact` puts each query on one line: real topics list thousands of relevant ids.
 */
export async function writeTestSet(
	out: string,
	generatedFrom: string,
	papers: number,
	queries: readonly TestQuery[],
	compact = false,
): Promise<void> {
	await mkdir(dirname(join(ROOT, out)), { recursive: true });
	const text = compact
		? `{"generatedFrom": ${JSON.stringify(generatedFrom)}, "papers": ${papers}, "queries": [\n${queries.map((q) => JSON.stringify(q)).join(',\n')}\n]}\n`
		: `${JSON.stringify({ generatedFrom, papers, queries }, null, 2)}\n`;
	await writeFile(join(ROOT, out), text);
	console.log(`wrote ${out}: ${queries.length} queries over ${papers} papers`);
	for (const kind of new Set(queries.map((q) => q.kind))) {
		const ofKind = queries.filter((q) => q.kind === kind);
		console.log(`\n${kind}: ${ofKind.length}`);
		for (const q of ofKind.slice(0, 5))
			console.log(`  ${JSON.stringify(q.query)}  ->  ${'expect' in q ? q.title : `${q.relevant.length} relevant`}`);
	}
}

/** The first `count` queries `make` finds for a kind, walking the papers in an order seeded by `seed`. */
export function sampleQueries(
	papers: readonly { readonly id: string; readonly title: string }[],
	seed: string,
	kind: KnownKind,
	count: number,
	make: (i: number, rand: () => number) => string | undefined,
): TestQuery[] {
	const rand = rngFor(seed);
	const out: TestQuery[] = [];
	for (const i of shuffled(
		rand,
		papers.map((_, i) => i),
	)) {
		if (out.length === count) break;
		const query = make(i, rand);
		if (query) out.push({ kind, query, expect: papers[i]!.id, title: papers[i]!.title });
	}
	return out;
}

/**
 * Runs of 3-4 consecutive title words, shorter than the whole title (which would just be a
 * title query), as word lists; punctuation inside makes a run nobody types, so those are left out.
 */
export function titleWindows(title: string): string[][] {
	const words = title.split(/\s+/);
	const windows: string[][] = [];
	for (let n = 3; n <= Math.min(4, words.length - 1); n++) {
		for (let s = 0; s + n <= words.length; s++) {
			const parts = words
				.slice(s, s + n)
				.join(' ')
				.replace(/[:,.?!]$/, '')
				.split(' ');
			if (parts.every((w) => /^[\p{L}\p{N}][\p{L}\p{N}'+-]*$/u.test(w))) windows.push(parts);
		}
	}
	return windows;
}
