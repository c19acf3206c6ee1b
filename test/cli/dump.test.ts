import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../src/storage/storage.ts';
import { useTempDir } from '../helpers.ts';
import { contents, filled, withStore } from '../storage/filled-store.ts';
import { transferStores } from '../storage/transfer-stores.ts';
import { runCapturing } from './run-cli.ts';

const stores = await transferStores('dump');
const available = stores.filter((store) => store.urls);
const sqlite = stores.find((store) => store.kind === 'sqlite')!;
const tempDir = useTempDir();

const exportTo = (file: string, storage: string, ...args: string[]) => runCapturing(['export', file, '--storage', storage, ...args]);
const importFrom = (file: string, storage: string, ...args: string[]) => runCapturing(['import', file, '--storage', storage, ...args]);

// Each available kind exports and the next one imports: with all three, every kind does both.
for (const [i, from] of available.entries()) {
	const to = available[(i + 1) % available.length]!;
	describe(`export from ${from.kind}, import into ${to.kind}`, () => {
		it('writes a dump with a header, a line per record and a closing tally, and importing it gives the bot the same data', async () => {
			await from.empty();
			await to.empty();
			const [source, target] = [from.urls![0], to.urls![1]];
			const before = await filled(source);
			const file = join(tempDir(), 'paperboy.jsonl');
			const exported = await exportTo(file, source);
			expect(exported.code).toBe(0);
			expect(exported.err).toBe(`exported ${redactUrl(source)} to ${file}\n`);
			expect(readFileSync(file, 'utf8')).not.toContain(':paperboy@');
			const lines = readFileSync(file, 'utf8')
				.trimEnd()
				.split('\n')
				.map((line) => JSON.parse(line) as Record<string, unknown>);
			const records = Object.values(before.tally).reduce((sum, ns) => sum + ns.records, 0);
			expect(lines).toHaveLength(records + 2);
			expect(lines[0]).toMatchObject({ format: 'paperboy-dump', version: 1, source: { kind: from.kind } });
			expect(lines.at(-1)).toEqual({ format: 'paperboy-dump-end', records, namespaces: before.tally });
			const imported = await importFrom(file, target);
			expect([imported.code, imported.err]).toEqual([0, '']);
			expect(imported.out).toMatch(/^channels +40 +40 +[0-9a-f]{16} +same$/m);
			expect(imported.out).toMatch(new RegExp(`imported ${records} records from .+ into .+; both agree`));
			expect(await contents(target)).toEqual(before);
		});
	});
}

describe('import', () => {
	const [source, target] = sqlite.urls!;

	async function dumpOfFilledStore(): Promise<{ file: string; lines: string[] }> {
		await sqlite.empty();
		await filled(source);
		const file = join(tempDir(), 'paperboy.jsonl');
		expect((await exportTo(file, source)).code).toBe(0);
		return { file, lines: readFileSync(file, 'utf8').split('\n') };
	}

	/** Imports a damaged copy of the dump into a store holding data, even with --force: nothing may change. */
	async function refusedDamaged(lines: string[], message: RegExp): Promise<void> {
		const damaged = join(tempDir(), 'damaged.jsonl');
		writeFileSync(damaged, lines.join('\n'));
		const before = await contents(source);
		const result = await importFrom(damaged, source, '--force');
		expect(result.code).toBe(1);
		expect(result.err).toMatch(message);
		expect(result.err).toMatch(/; nothing was changed\n$/);
		expect(await contents(source)).toEqual(before);
	}

	it('refuses a truncated, damaged, altered, foreign or newer dump, naming the line, and changes nothing', async () => {
		const { lines } = await dumpOfFilledStore();
		const last = lines.length - 1; // the file ends with a newline
		await refusedDamaged(lines.slice(0, 120), /the dump ends at line 120 without its closing line: it is truncated/);
		await refusedDamaged(
			lines.map((line, i) => (i === 4 ? line.slice(0, 40) : line)),
			/line 5 is not JSON \(.+\): the dump is damaged/,
		);
		await refusedDamaged(
			lines.map((line) => line.replace('"guildId":"100000000000000001"', '"guildId":"100000000000000009"')),
			new RegExp(`the records do not match the dump's closing line \\(line ${last}\\) in channels: the dump is damaged`),
		);
		await refusedDamaged(
			lines.map((line, i) => (i === 2 ? line.replace(/^\{"ns":"[a-z-]+"/, '{"ns":"sessions"') : line)),
			/line 3: "sessions" is not a namespace Paperboy keeps/,
		);
		await refusedDamaged(['{"hello":"world"}'], /line 1 is not a Paperboy dump's header/);
		await refusedDamaged(
			[lines[0]!.replace('"version":1', '"version":2'), ...lines.slice(1)],
			/line 1: the dump is version 2, this Paperboy reads version 1/,
		);
		await refusedDamaged([...lines.slice(0, -1), lines[1]!], new RegExp(`line ${last + 1} follows the dump's closing line`));
		await refusedDamaged([], /the file is empty: not a dump/);
		const missing = await importFrom(join(tempDir(), 'nowhere.jsonl'), target);
		expect([missing.code, missing.err]).toEqual([
			1,
			expect.stringMatching(/nowhere\.jsonl cannot be imported: ENOENT.+; nothing was changed/),
		]);
	});

	it('refuses a store that holds data unless --force, which replaces it', async () => {
		const { file } = await dumpOfFilledStore();
		const expected = await contents(source);
		await withStore(target, (storage) => storage.namespace('reading-lists').set('5000', { userId: '5000', papers: [] }));
		const refused = await importFrom(file, target);
		expect([refused.code, refused.err]).toEqual([
			1,
			expect.stringMatching(/already holds Paperboy data \(reading-lists among others\): pass --force/),
		]);
		expect((await importFrom(file, target, '--force')).code).toBe(0);
		expect(await contents(target)).toEqual(expected);
	});

	it('reports a record it cannot read in one line, keeping the last good export', async () => {
		const { file } = await dumpOfFilledStore();
		const good = readFileSync(file, 'utf8');
		// A value that is not JSON, written under the adapter's own key, as a damaged store would hold it.
		await withStore(source, (storage) => storage.namespace('papers').opts.store.set('papers:broken', '{"title": "cut sho'));
		const failed = await exportTo(file, source);
		expect([failed.code, failed.err]).toEqual([
			1,
			expect.stringMatching(/^paperboy: cannot read papers in sqlite:\/\/.+a\.sqlite: .*JSON.*\n$/),
		]);
		expect(readFileSync(file, 'utf8')).toBe(good);
		expect(existsSync(`${file}.partial`)).toBe(false);
		const migrated = await runCapturing(['migrate', '--from', source, '--to', target, '--force']);
		expect([migrated.code, migrated.err]).toEqual([1, expect.stringMatching(/^paperboy: cannot read papers in .+\n$/)]);
	});

	it('exports to standard output and imports from standard input with -, taking the store from STORAGE_URL', async () => {
		const { file } = await dumpOfFilledStore();
		const piped = await runCapturing(['export', '-'], { env: { STORAGE_URL: source } });
		expect(piped.code).toBe(0);
		const withoutDate = (dump: string) => dump.replace(/"createdAt":"[^"]+"/, '');
		expect(withoutDate(piped.out)).toBe(withoutDate(readFileSync(file, 'utf8')));
		const stdin = await runCapturing(['import', '-', '--storage', target], { input: piped.out });
		expect([stdin.code, stdin.err]).toEqual([0, '']);
		expect(stdin.out).toMatch(/imported \d+ records from standard input into .+; both agree/);
		expect(await contents(target)).toEqual(await contents(source));
		const cut = await runCapturing(['import', '-', '--storage', target, '--force'], { input: piped.out.slice(0, 5_000) });
		expect([cut.code, cut.err]).toEqual([
			1,
			expect.stringMatching(/^paperboy: standard input cannot be imported: .+; nothing was changed\n$/),
		]);
	});
});
