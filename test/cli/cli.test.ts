import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { abstractAbout, SEEDS_DIR, useTempDir } from '../helpers.ts';
import { runCapturing } from './run-cli.ts';

const tempDir = useTempDir();

const cli = (args: string[], input = '', env: NodeJS.ProcessEnv = {}, terminal = false) =>
	runCapturing(args, { input, env: { PAPERS_DIR: SEEDS_DIR, INDEX_DIR: tempDir(), ...env }, terminal });

describe('paperboy CLI', () => {
	it('saves the index at the first search and loads it at the next, with a progress bar only at a terminal', async () => {
		const indexDir = tempDir();
		const first = await cli(['search', 'grokking', '--index-dir', indexDir], '', {}, true);
		expect(first.err).toMatch(/\[#{24}\] indexing 675\/675 papers · [\d,]+ papers\/s · 0 s left/);
		expect(first.err).toMatch(/indexed 675 papers in \d+ s\n$/);
		expect(readdirSync(indexDir)).toEqual(['library.pbindex']);
		const again = await cli(['search', 'grokking', '--index-dir', indexDir], '', {}, true);
		expect(again.out).toBe(first.out);
		expect(again.err).toBe('');
		const piped = await cli(['search', 'grokking', '--index-dir', tempDir()]);
		expect([piped.out, piped.err]).toEqual([first.out, '']);
	});

	it('prints ranked results for humans', async () => {
		const { code, out } = await cli(['search', 'grokking numerical stability', '--limit', '2']);
		expect(code).toBe(0);
		expect(out).toMatch(
			/^1\. Grokking at the Edge of Numerical Stability\n {3}score [\d.]+ · matched grokking, numerical, stability · listed in 000_e0245a0a4af11ce5\.txt \(Mar 14\)\n/,
		);
		expect(out).toMatch(/\n2\. /);
	});

	it('prints one JSON object with --json', async () => {
		const { code, out } = await cli(['search', 'OwLore', '--json', '--limit', '3']);
		expect(code).toBe(0);
		const parsed = JSON.parse(out);
		expect(parsed.query).toBe('OwLore');
		expect(parsed.results[0]).toMatchObject({
			id: expect.stringMatching(/^[0-9a-f]{16}$/),
			title: expect.stringMatching(/^OwLore:/),
			score: expect.any(Number),
		});
	});

	it('answers one JSON line per query read from standard input', async () => {
		const { code, out } = await cli(['search', '-', '--limit', '1'], 'CURATRON\n\n-survey\n"unclosed\n');
		expect(code).toBe(0);
		const lines = out
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line));
		expect(lines.map((line) => line.query)).toEqual(['CURATRON', '', '-survey', '"unclosed']);
		expect(lines[0].results[0].title).toMatch(/^CURATRON/);
		expect(lines[1]).toEqual({ query: '', notes: ['the query has no words to search for'], results: [] });
		expect(lines[2].results).toEqual([]);
	});

	it('lists every parsed paper as JSON', async () => {
		const { code, out } = await cli(['papers', '--json']);
		expect(code).toBe(0);
		const papers = JSON.parse(out);
		expect(papers).toHaveLength(675);
		expect(Object.keys(papers[0]).sort()).toEqual(['abstract', 'id', 'listings', 'title']);
	});

	it('checks listing files and fails on a rejected one', async () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'ok.txt'), `Mar 3\nGood Paper\n${abstractAbout('x')}\nCut Off`);
		writeFileSync(join(dir, 'bad.txt'), Buffer.from([0, 1, 2, 3]));
		const { code, out } = await cli(['check', join(dir, 'ok.txt'), join(dir, 'bad.txt')]);
		expect(code).toBe(1);
		expect(out).toContain(
			`${join(dir, 'ok.txt')}: 1 papers, dated Mar 3, 1 warnings\n  warning: ok.txt:4: the last entry "Cut Off" has no abstract`,
		);
		expect(out).toContain(
			`${join(dir, 'bad.txt')}: REJECTED, nothing would be loaded, 1 warnings\n  error: bad.txt: binary data, not a text listing (a listing is text: UTF-8, UTF-16 or Windows-1252)`,
		);
	});

	it('explains usage mistakes with exit code 2', async () => {
		expect((await cli(['search'])).code).toBe(2);
		expect((await cli(['search', 'x', '--limit', 'lots'])).err).toMatch(/--limit must be a whole number/);
		expect((await cli(['frobnicate'])).err).toMatch(/unknown command "frobnicate"/);
		expect((await cli(['search', 'x', '--papers-dir', '/nonexistent'])).err).toMatch(/papers folder "\/nonexistent" does not exist/);
	});
});
