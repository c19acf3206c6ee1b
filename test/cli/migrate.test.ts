import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { basename, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tallyStore } from '../../src/storage/records.ts';
import { NAMESPACES } from '../../src/storage/storage.ts';
import { prepareTarget, writeRecords } from '../../src/storage/transfer.ts';
import { storedRecords } from '../../src/storage/records.ts';
import { contents, filled, withStore } from '../storage/filled-store.ts';
import { transferStores } from '../storage/transfer-stores.ts';
import { runCapturing } from './run-cli.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const stores = await transferStores('migrate');
const sqlite = stores.find((store) => store.kind === 'sqlite')!;
const named = (store: (typeof stores)[number]) => `${store.kind}${store.urls ? '' : ` (skipped: ${store.skipReason})`}`;

const migrate = (...args: string[]) => runCapturing(['migrate', ...args]);

for (const from of stores) {
	for (const to of stores) {
		describe.skipIf(!from.urls || !to.urls)(`migrate from ${named(from)} to ${named(to)}`, () => {
			it('copies every record, prints the same counts and digests on both sides, and the bot reads the same back', async () => {
				await from.empty();
				await to.empty();
				const [source, target] = [from.urls![0], to.urls![1]];
				const before = await filled(source);
				const { code, out, err } = await migrate('--from', source, '--to', target);
				expect([code, err]).toEqual([0, '']);
				for (const ns of NAMESPACES)
					expect(out).toMatch(
						new RegExp(
							`^${ns} +${before.tally[ns].records} +${before.tally[ns].records} +${before.tally[ns].digest.slice(0, 16)} +same$`,
							'm',
						),
					);
				const total = Object.values(before.tally).reduce((sum, ns) => sum + ns.records, 0);
				expect(total).toBeGreaterThan(400);
				expect(out).toMatch(new RegExp(`copied ${total} records from .+ to .+ in [\\d.]+ s; both agree`));
				expect(await contents(target)).toEqual(before);
				expect(await contents(source)).toEqual(before);
			});
		});
	}
}

describe('migrate', () => {
	const [source, target] = sqlite.urls!;
	const shared = stores.find((store) => store.urls && store.kind !== 'sqlite');

	it('refuses a target that holds data, naming it without its password, and --force replaces what it held', async () => {
		const other = stores.find((store) => store.kind === 'postgres' && store.urls) ?? sqlite;
		await sqlite.empty();
		await other.empty();
		const into = other === sqlite ? target : other.urls![1];
		const before = await filled(source);
		await withStore(into, (storage) => storage.namespace('channels').set('299999999999999999', { stale: true }));
		const refused = await migrate('--from', source, '--to', into);
		expect(refused.code).toBe(1);
		expect(refused.err).toMatch(/already holds Paperboy data \(channels among others\): pass --force to replace everything in it/);
		if (other !== sqlite) expect(refused.err).toContain('paperboy:***@127.0.0.1');
		expect(refused.err).not.toContain(':paperboy@');
		const forced = await migrate('--from', source, '--to', into, '--force');
		expect(forced.code).toBe(0);
		expect(await contents(into)).toEqual(before);
	});

	it('finishes a copy cut short when run again, without --force, and refuses it to another source', async () => {
		await sqlite.empty();
		const before = await filled(source);
		await withStore(source, (from) =>
			withStore(target, async (into) => {
				await prepareTarget(into, from.location, false);
				const half = (async function* () {
					let left = 150;
					for await (const record of storedRecords(from)) if (left-- > 0) yield record;
				})();
				await writeRecords(into, half);
			}),
		);
		const elsewhere = await migrate('--from', `${source}.other`, '--to', target);
		expect(elsewhere.code).toBe(1);
		expect(elsewhere.err).toMatch(
			/holds an unfinished copy from sqlite:\/\/.+a\.sqlite \(started .+\): run that copy again to finish it, or pass --force/,
		);
		const again = await migrate('--from', source, '--to', target);
		expect(again.code).toBe(0);
		expect(again.err).toMatch(/holds an unfinished copy from .+: copying again/);
		expect(await contents(target)).toEqual(before);
		expect((await migrate('--from', source, '--to', target)).err).toMatch(/already holds Paperboy data/);
	});

	it('finishes, when run again, a migration killed with SIGKILL halfway through', async () => {
		await sqlite.empty();
		await withStore(source, async (from) => {
			for (let page = 0; page < 4; page++)
				await from
					.namespace('delivered')
					.setMany(Array.from({ length: 1_000 }, (_, i) => ({ key: `2${page}:p${i}`, value: { at: '2026-12-01T10:00:00.000Z' } })));
		});
		const before = await filled(source);
		const child = spawn(process.execPath, ['src/cli/paperboy.ts', 'migrate', '--from', source, '--to', target], {
			cwd: ROOT,
			stdio: 'ignore',
		});
		const exited = once(child, 'exit');
		// Killed once the copy is under way: the marker is down and the first namespace is in.
		await withStore(target, async (into) => {
			while (!(await into.namespace('channels').get('200000000000000039'))) await new Promise((resolve) => setTimeout(resolve, 10));
		});
		child.kill('SIGKILL');
		expect(await exited).toEqual([null, 'SIGKILL']);
		expect((await contents(target)).tally.delivered.records).toBeLessThan(before.tally.delivered.records);
		const again = await migrate('--from', source, '--to', target);
		expect([again.code, again.err]).toEqual([0, expect.stringMatching(/holds an unfinished copy from .+: copying again/)]);
		expect(await contents(target)).toEqual(before);
	});

	it('exits 1 with the namespaces that differ when something writes to the target meanwhile, and a second run completes', async () => {
		await sqlite.empty();
		const before = await filled(source);
		const differs = await withStore(target, async (into) => {
			// As if a first run had been cut short: the intruder's records do not stop the second.
			await withStore(source, (from) => prepareTarget(into, from.location, false));
			let writing = true;
			const writer = (async () => {
				for (let i = 0; writing; i++) {
					await into.namespace('reading-lists').set(`intruder-${i}`, { userId: 'intruder', papers: [] });
					await new Promise((resolve) => setTimeout(resolve, 2));
				}
			})();
			const result = await migrate('--from', source, '--to', target);
			writing = false;
			await writer;
			return result;
		});
		expect(differs.code).toBe(1);
		expect(differs.out).toMatch(/^reading-lists +\d+ +\d+ +[0-9a-f]{16} ≠ [0-9a-f]{16} +DIFFERS$/m);
		expect(differs.out).toMatch(/^channels +\d+ +\d+ +[0-9a-f]{16} +same$/m);
		expect(differs.err).toMatch(/does not hold what was read from .+: was a bot running\? Stop it and run the same command again/);
		expect((await migrate('--from', source, '--to', target)).code).toBe(0);
		expect(await contents(target)).toEqual(before);
	});

	it.skipIf(!shared)(
		`refuses a store whose delivery lease a running bot holds, unless --force${shared ? '' : ' (skipped: no Redis or PostgreSQL)'}`,
		async () => {
			await sqlite.empty();
			await shared!.empty();
			const [bot, into] = shared!.urls!;
			await filled(bot);
			await withStore(bot, async (running) => {
				expect(await running.lease('delivery').acquire('a-bot', 10_000)).toBe(true);
				const refused = await migrate('--from', bot, '--to', target);
				expect(refused.code).toBe(1);
				expect(refused.err).toMatch(/a Paperboy bot is running on .+ \(it holds the delivery lease\): stop every bot using it first/);
				expect((await migrate('--from', source, '--to', bot)).code).toBe(1);
				expect((await migrate('--from', bot, '--to', into, '--force')).code).toBe(0);
				expect(await running.lease('delivery').acquire('a-bot', 10_000)).toBe(true);
			});
			await withStore(target, async (storage) => expect((await tallyStore(storage)).channels.records).toBe(0));
		},
	);

	it('refuses the same store twice (even with --force, however spelled), memory, and missing URLs with the usage', async () => {
		await sqlite.empty();
		const before = await filled(source);
		const folder = dirname(source.slice('sqlite://'.length));
		const same = await migrate('--from', source, '--to', `sqlite://${folder}/../${basename(folder)}/a.sqlite`, '--force');
		expect([same.code, same.err]).toEqual([1, expect.stringMatching(/are the same store: copying it onto itself would empty it/)]);
		if (shared) {
			const url = shared.urls![0];
			const spelled = await migrate('--from', url, '--to', url.replace('127.0.0.1', 'localhost'), '--force');
			expect([spelled.code, spelled.err]).toEqual([1, expect.stringMatching(/are the same store/)]);
		}
		expect(await contents(source)).toEqual(before);
		const memory = await migrate('--from', 'memory://', '--to', target);
		expect([memory.code, memory.err]).toEqual([2, expect.stringMatching(/--from memory:\/\/ keeps nothing once the process ends/)]);
		const missing = await migrate('--from', source);
		expect([missing.code, missing.err]).toEqual([2, expect.stringMatching(/migrate needs --from URL and --to URL\n\nUsage:/)]);
	});
});
