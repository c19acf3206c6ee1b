import { once } from 'node:events';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STORAGE_TIME_BOX_MS } from '../../src/cli/doctor-storage.ts';
import { runCli } from '../../src/cli/main.ts';
import { openStorage } from '../../src/storage/storage.ts';
import { prepareTarget } from '../../src/storage/transfer.ts';
import { abstractAbout, SEEDS_DIR, useTempDir } from '../helpers.ts';

const tempDir = useTempDir();
const TOKEN = `${'a'.repeat(24)}.${'b'.repeat(6)}.${'c'.repeat(27)}`;
const SEED = '000_e0245a0a4af11ce5.txt'; // 87 papers, no warnings

// Doctor reads .env from the working folder, as the bot does: each test gets its own, empty one.
const startFolder = process.cwd();
let cwd: string;
beforeEach(() => {
	cwd = tempDir();
	process.chdir(cwd);
});
afterEach(() => process.chdir(startFolder));

async function doctor(env: NodeJS.ProcessEnv, ...args: string[]) {
	const stdout = new PassThrough();
	let out = '';
	stdout.on('data', (chunk) => (out += chunk));
	const baseEnv = { DISCORD_TOKEN: TOKEN, STORAGE_URL: 'memory://', PAPERS_DIR: SEEDS_DIR };
	// Like a real environment, which has no undefined values: an undefined here means "not set".
	const merged = Object.fromEntries(Object.entries({ ...baseEnv, ...env }).filter(([, value]) => value !== undefined));
	const code = await runCli(['doctor', ...args], { stdin: Readable.from([]), stdout, stderr: new PassThrough(), env: merged });
	return { code, out };
}

function papersFolder(files: Record<string, string | Buffer>): string {
	const dir = join(cwd, 'papers');
	mkdirSync(dir);
	for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
	return dir;
}

describe('paperboy doctor', () => {
	it('passes with a good .env, a writable sqlite file and a papers folder', async () => {
		const papers = papersFolder({});
		copyFileSync(join(SEEDS_DIR, SEED), join(papers, SEED));
		// The real environment wins over .env, as for the bot: LOG_LEVEL=loud never counts.
		writeFileSync('.env', `DISCORD_TOKEN=${TOKEN}\nLOG_LEVEL=loud\nPAPERS_DIR=papers\n`);
		const { code, out } = await doctor({
			DISCORD_TOKEN: undefined,
			LOG_LEVEL: 'info',
			PAPERS_DIR: undefined,
			STORAGE_URL: `sqlite://${cwd}/data/x.sqlite`,
		});
		expect(out).toContain(`✓ environment: ${join(cwd, '.env')}, under the real environment`);
		expect(out).toContain('✓ configuration: every variable is valid');
		expect(out).toContain('✓ token: DISCORD_TOKEN has the shape of a bot token; not checked against Discord: start the bot to verify it');
		expect(out).toContain(`✓ storage: sqlite ${cwd}/data/x.sqlite is writable`);
		expect(out).toContain(`✓ papers: ${papers}: 1 listing files, 87 papers, 0 listings rejected, 0 warnings`);
		expect(out).toContain('✓ sharding: SHARD_COUNT unset');
		expect(out).toMatch(/\nReady to start\.\n$/);
		expect(code).toBe(0);
		expect(existsSync(join(cwd, 'data/x.sqlite'))).toBe(true);
	});

	it('names bad variables and never prints the token', async () => {
		const token = 'not-a-token-but-secret-42';
		const { code, out } = await doctor({ DISCORD_TOKEN: token, LOG_LEVEL: 'loud' });
		expect(code).toBe(1);
		expect(out).toMatch(/^✗ configuration: LOG_LEVEL .* — fix it in \.env or the environment/m);
		expect(out).toMatch(/^✗ token: DISCORD_TOKEN does not have the shape of a bot token .* — copy the token again/m);
		expect(out).not.toContain(token);
		expect(out).toContain('2 problems, 1 warning: fix the problems above');
	});

	it('gives up on an unreachable Redis within the time box, with a hint and no password', async () => {
		const started = Date.now();
		const { code, out } = await doctor({ STORAGE_URL: 'redis://:hunter2@127.0.0.1:1' });
		expect(Date.now() - started).toBeLessThan(STORAGE_TIME_BOX_MS);
		expect(code).toBe(1);
		expect(out).toMatch(/^✗ storage: redis:\/\/:\*\*\*@127\.0\.0\.1:1 cannot be used: .*ECONNREFUSED.* — is the Redis server running/m);
		expect(out).not.toContain('hunter2');
	});

	it('refuses a sqlite file whose folder cannot be made', async () => {
		writeFileSync('file', '');
		const { code, out } = await doctor({ STORAGE_URL: 'sqlite://file/x.sqlite' });
		expect(code).toBe(1);
		expect(out).toMatch(new RegExp(`^✗ storage: sqlite ${cwd}/file/x.sqlite cannot be used: .* — check that the folder`, 'm'));
	});

	it('reports a store a migration has not finished filling', async () => {
		const url = `sqlite://${join(cwd, 'half.sqlite')}`;
		const storage = await openStorage(url);
		await prepareTarget(storage, 'redis://old-host:6379', false);
		await storage.close();
		const { code, out } = await doctor({ STORAGE_URL: url });
		expect(code).toBe(1);
		expect(out).toMatch(
			/^✗ storage: sqlite:\/\/.+half\.sqlite holds an unfinished copy from redis:\/\/old-host:6379 \(started .+\): run that paperboy migrate or import again .+ — finish the copy first/m,
		);
	});

	it('warns that memory storage keeps nothing across restarts', async () => {
		const { code, out } = await doctor({});
		expect(code).toBe(0);
		expect(out).toMatch(/^⚠ storage: memory:\/\/ works, but nothing is kept across restarts/m);
		expect(out).toContain('Ready to start, with 1 warning.');
	});

	it('reports a missing papers folder and one without listings', async () => {
		const missing = await doctor({ PAPERS_DIR: 'nowhere' });
		expect(missing.code).toBe(1);
		expect(missing.out).toContain(
			`✗ papers: folder ${cwd}/nowhere does not exist — set PAPERS_DIR to the folder holding your listing .txt files`,
		);
		const empty = await doctor({ PAPERS_DIR: papersFolder({ 'notes.md': 'hi' }) });
		expect(empty.out).toContain(`✗ papers: no listing files (*.txt) in ${cwd}/papers`);
	});

	it('reports a rejected listing under its papers line', async () => {
		const dir = papersFolder({ 'ok.txt': `Mar 3\nGood Paper\n${abstractAbout('x')}\n`, 'bad.txt': Buffer.from([0, 1, 2, 3]) });
		const { code, out } = await doctor({ PAPERS_DIR: dir });
		expect(code).toBe(0);
		expect(out).toContain(
			`⚠ papers: ${dir}: 2 listing files, 1 papers, 1 listings rejected, 1 warnings — run \`npm run paperboy -- check FILE\``,
		);
		expect(out).toContain('\n    error: bad.txt: binary data, not a text listing (a listing is text: UTF-8, UTF-16 or Windows-1252)\n');
	});

	it('fails when no listing yields a paper', async () => {
		const { code, out } = await doctor({ PAPERS_DIR: papersFolder({ 'bad.txt': Buffer.from([0, 1]) }) });
		expect(code).toBe(1);
		expect(out).toMatch(/^✗ papers: .*0 papers, 1 listings rejected/m);
	});

	it('refuses shards split between processes on sqlite, and describes feeds without fetching them', async () => {
		const feeds = { HF_PAPERS_URL: 'http://127.0.0.1:1/daily', SOURCE_POLL_MINUTES: '5' };
		const sharded = await doctor({ ...feeds, SHARD_COUNT: '2', SHARDS: '1', STORAGE_URL: `sqlite://${cwd}/x.sqlite` });
		expect(sharded.code).toBe(1);
		expect(sharded.out).toMatch(
			/^✗ configuration: SHARDS splits the shards between processes, which need storage they all share.* — make them agree in \.env/m,
		);
		expect((await doctor({ SHARD_COUNT: '2' })).out).toContain('✓ sharding: SHARD_COUNT=2: 2 shards, all run by this process');
		const { out } = await doctor(feeds);
		expect(out).toContain('✓ feeds: HF_PAPERS_URL (127.0.0.1:1) set, polled every 5 minutes (not fetched by doctor)');
	});

	it('tries the metrics port the bot would open, and says when something holds it', async () => {
		expect((await doctor({})).out).toContain('✓ metrics: METRICS_PORT unset: no health or metrics endpoint');
		const taken = createServer().listen(0, '127.0.0.1');
		await once(taken, 'listening');
		const { port } = taken.address() as AddressInfo;
		try {
			const { code, out } = await doctor({ METRICS_PORT: String(port) });
			expect(out).toContain(`⚠ metrics: http://127.0.0.1:${port} is in use: by this bot if it is running`);
			expect(code).toBe(0);
		} finally {
			taken.close();
		}
		await once(taken, 'close');
		expect((await doctor({ METRICS_PORT: String(port) })).out).toContain(
			`✓ metrics: /healthz, /readyz and /metrics will answer at http://127.0.0.1:${port}`,
		);
	});

	it('prints machine-readable findings with --json', async () => {
		const { code, out } = await doctor({ PAPERS_DIR: 'nowhere' }, '--json');
		expect(code).toBe(1);
		const findings = JSON.parse(out) as { check: string; status: string }[];
		expect(findings.map(({ check, status }) => `${check}:${status}`)).toEqual([
			'environment:ok',
			'configuration:ok',
			'token:ok',
			'storage:warning',
			'papers:problem',
			'index:ok',
			'feeds:ok',
			'sharding:ok',
			'metrics:ok',
		]);
		expect(findings[4]).toMatchObject({ message: expect.stringContaining('does not exist'), fix: expect.stringContaining('PAPERS_DIR') });
	});

	it('says whether the next start loads, adds to or rebuilds the index snapshot', async () => {
		const papers = papersFolder({});
		copyFileSync(join(SEEDS_DIR, SEED), join(papers, SEED));
		const index = join(cwd, 'index');
		const line = async () =>
			(await doctor({ PAPERS_DIR: papers, INDEX_DIR: index })).out.split('\n').find((text) => text.includes(' index: '));
		expect(await line()).toBe(`✓ index: no snapshot at ${index}/library.pbindex yet: the next start builds the index and saves it there`);
		await runCli(['search', 'grokking', '--papers-dir', papers, '--index-dir', index], {
			stdin: Readable.from([]),
			stdout: new PassThrough(),
			stderr: new PassThrough(),
			env: {},
		});
		expect(await line()).toMatch(
			/^✓ index: .*library\.pbindex: 87 papers, \d+ MB, saved \S+; it stands for the papers folder: the next start loads it$/,
		);
		writeFileSync(join(papers, 'new.txt'), `A Fresh Listing Paper\n\n${abstractAbout('fresh listings')}\n`);
		expect(await line()).toMatch(/the next start loads it and adds 1 new or changed listings$/);
		writeFileSync(join(index, 'library.pbindex'), 'garbage');
		expect(await line()).toBe(
			`⚠ index: ${index}/library.pbindex: the index snapshot is not a Paperboy index file; the next start rebuilds it — nothing to do (deleting the file is always safe)`,
		);
	});

	it('takes no arguments', async () => {
		expect((await doctor({}, 'extra')).code).toBe(2);
	});
});
