/**
 * The container files (Dockerfile, .dockerignore, docker-compose.yml) checked without a container
 * engine, which the CI machines do not have: the files are parsed, and compared with what the
 * code really needs (its import graph, package.json, the lockfile, .env.example). Then the image's
 * /app is laid out in a temporary folder from the Dockerfile's own COPY lines, .dockerignore and the
 * production half of the lockfile, and the Dockerfile's CMD runs there against the fake Discord.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, symlinkSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join, posix } from 'node:path';
import { InteractionResponseType, InteractionType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STORAGE_URL, loadConfig } from '../src/config.ts';
import { useTempDir } from './helpers.ts';
import { FakeDiscord, type FakeEmbed } from './support/fake-discord/index.ts';
import { commandData, TEST_TOKEN } from './support/start-bot.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

// ---------------------------------------------------------------------------------------------
// Dockerfile

interface Instruction {
	readonly keyword: string;
	readonly args: string;
	readonly line: number;
}

interface Stage {
	readonly image: string;
	readonly name: string | undefined;
	readonly instructions: readonly Instruction[];
}

/** Instructions grouped by stage, with line continuations joined and comments dropped. */
function parseDockerfile(text: string): Stage[] {
	const instructions: Instruction[] = [];
	let pending = '';
	let start = 0;
	text.split('\n').forEach((raw, index) => {
		const line = raw.trimEnd();
		if (/^\s*#/.test(line) || (line.trim() === '' && pending === '')) return;
		if (line.trim() === '') return; // an empty line inside a continuation
		if (pending === '') start = index + 1;
		if (line.endsWith('\\')) {
			pending += `${line.slice(0, -1)} `;
			return;
		}
		pending += line;
		const match = /^\s*([A-Za-z]+)\s+([\s\S]+)$/.exec(pending);
		if (!match) throw new Error(`Dockerfile line ${start}: not an instruction: ${pending}`);
		instructions.push({ keyword: match[1]!.toUpperCase(), args: match[2]!.replace(/\s+/g, ' ').trim(), line: start });
		pending = '';
	});
	if (pending !== '') throw new Error(`Dockerfile line ${start}: continues past the end of the file`);
	const stages: { image: string; name: string | undefined; instructions: Instruction[] }[] = [];
	for (const instruction of instructions) {
		if (instruction.keyword === 'FROM') {
			const match = /^(?:--platform=\S+ )?(\S+)(?: AS (\S+))?$/i.exec(instruction.args);
			if (!match) throw new Error(`Dockerfile line ${instruction.line}: cannot read FROM ${instruction.args}`);
			stages.push({ image: match[1]!, name: match[2], instructions: [] });
		} else {
			if (stages.length === 0) throw new Error(`Dockerfile line ${instruction.line}: ${instruction.keyword} before FROM`);
			stages.at(-1)!.instructions.push(instruction);
		}
	}
	return stages;
}

/** The JSON ("exec") form of CMD, ENTRYPOINT, VOLUME...; undefined for the shell form. */
function execForm(args: string): string[] | undefined {
	if (!args.startsWith('[')) return undefined;
	const parsed: unknown = JSON.parse(args);
	if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) throw new Error(`not a JSON array of strings: ${args}`);
	return parsed;
}

const all = (stage: Stage, keyword: string) => stage.instructions.filter((instruction) => instruction.keyword === keyword);
const last = (stage: Stage, keyword: string) => all(stage, keyword).at(-1);

interface Copy {
	readonly from: string | undefined;
	readonly sources: string[];
	readonly dest: string;
	readonly line: number;
}

function copies(stage: Stage): Copy[] {
	return all(stage, 'COPY').map(({ args, line }) => {
		const words = execForm(args) ?? args.split(' ');
		const flags = words.filter((word) => word.startsWith('--'));
		const paths = words.filter((word) => !word.startsWith('--'));
		if (paths.length < 2) throw new Error(`Dockerfile line ${line}: COPY needs a source and a destination`);
		const from = flags.find((flag) => flag.startsWith('--from='))?.slice('--from='.length);
		return { from, sources: paths.slice(0, -1), dest: paths.at(-1)!, line };
	});
}

/** ENV key=value pairs (values may be quoted), in order. */
function envOf(stage: Stage): Record<string, string> {
	const env: Record<string, string> = {};
	for (const { args, line } of all(stage, 'ENV')) {
		const pairs = [...args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)];
		if (pairs.length === 0) throw new Error(`Dockerfile line ${line}: write ENV as key=value`);
		for (const [, key, value] of pairs) env[key!] = /^["']/.test(value!) ? value!.slice(1, -1) : value!;
	}
	return env;
}

/** The stage's working folder: WORKDIRs resolved one after another, from /. */
function workdirOf(stage: Stage): string {
	return all(stage, 'WORKDIR').reduce((dir, { args }) => posix.resolve(dir, args), '/');
}

function volumesOf(stage: Stage): string[] {
	return all(stage, 'VOLUME').flatMap(({ args }) => execForm(args) ?? args.split(' '));
}

const dockerfile = parseDockerfile(read('Dockerfile'));
const build = dockerfile.find((stage) => stage.name === 'build')!;
const runtime = dockerfile.at(-1)!;

// ---------------------------------------------------------------------------------------------
// .dockerignore: Docker's rules for the patterns used here (*, ?, **, ! exceptions, the last
// matching line wins, a pattern matching a folder covers what is inside). Anything else throws.

function dockerignore(text: string): (path: string) => boolean {
	const rules = text
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '' && !line.startsWith('#'))
		.map((line) => {
			const negated = line.startsWith('!');
			const pattern = posix.normalize(line.slice(negated ? 1 : 0)).replace(/^\/+|\/+$/g, '');
			if (/[[\]\\]/.test(pattern)) throw new Error(`.dockerignore: this test does not understand ${line}`);
			let source = '';
			for (let i = 0; i < pattern.length; i++) {
				const char = pattern[i]!;
				if (char === '*' && pattern[i + 1] === '*') {
					i++;
					if (pattern[i + 1] === '/') {
						i++;
						source += '(?:.*/)?';
					} else source += '.*';
				} else if (char === '*') source += '[^/]*';
				else if (char === '?') source += '[^/]';
				else source += char.replace(/[.+^${}()|]/g, '\\$&');
			}
			return { negated, regex: new RegExp(`^${source}$`) };
		});
	return (path) => {
		const parts = path.split('/');
		const prefixes = parts.map((_, index) => parts.slice(0, index + 1).join('/'));
		let ignored = false;
		for (const rule of rules) if (prefixes.some((prefix) => rule.regex.test(prefix))) ignored = !rule.negated;
		return ignored;
	};
}

const isIgnored = dockerignore(read('.dockerignore'));

/** Every file under a path of the repository, relative to the repository. */
function filesUnder(path: string): string[] {
	const full = join(ROOT, path);
	if (!statSync(full).isDirectory()) return [path];
	return readdirSync(full).flatMap((name) => filesUnder(posix.join(path, name)));
}

// ---------------------------------------------------------------------------------------------
// What the bot loads at run time: the import graph from `npm start`'s entry.

const packageJson = JSON.parse(read('package.json')) as {
	scripts: Record<string, string>;
	dependencies: Record<string, string>;
	devDependencies: Record<string, string>;
	allowScripts?: Record<string, boolean>;
	engines: { node: string };
};
const lockfile = JSON.parse(read('package-lock.json')) as { packages: Record<string, { dev?: boolean }> };

const startArgs = packageJson.scripts.start!.split(/\s+/);
const START_ENTRY = startArgs.at(-1)!;

/** Packages whose name an import specifier starts with: `@keyv/redis`, `discord.js` for `discord.js/x`. */
const packageOf = (specifier: string) =>
	specifier
		.split('/')
		.slice(0, specifier.startsWith('@') ? 2 : 1)
		.join('/');

function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
	const files = new Set<string>();
	const packages = new Set<string>();
	const queue = [entry];
	while (queue.length > 0) {
		const file = queue.pop()!;
		if (files.has(file)) continue;
		files.add(file);
		const text = read(file);
		const found: { specifier: string; typeOnly: boolean }[] = [];
		for (const match of text.matchAll(/^[ \t]*(?:import|export)\s+(type\s+)?(?:[^;'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm))
			found.push({ specifier: match[2]!, typeOnly: match[1] !== undefined });
		for (const match of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ specifier: match[1]!, typeOnly: false });
		for (const match of text.matchAll(/new URL\(\s*['"](\.[^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g))
			found.push({ specifier: match[1]!, typeOnly: false });
		for (const { specifier, typeOnly } of found) {
			if (specifier.startsWith('.')) {
				const target = posix.join(posix.dirname(file), specifier);
				const candidates = [target, target.replace(/\.js$/, '.ts'), target.replace(/\.mjs$/, '.mts')];
				const resolved = candidates.find((candidate) => existsSync(join(ROOT, candidate)) && statSync(join(ROOT, candidate)).isFile());
				if (!resolved) throw new Error(`${file} imports ${specifier}, which does not exist`);
				queue.push(resolved);
			} else if (!typeOnly && !specifier.startsWith('node:') && !builtinModules.includes(specifier)) {
				packages.add(packageOf(specifier));
			}
		}
	}
	return { files, packages };
}

const graph = importGraph(START_ENTRY);
const topFolder = (path: string) => path.split('/')[0]!;

/** Top-level packages `npm ci --omit=dev` installs: the lockfile's entries not marked dev. */
const productionPackages = Object.entries(lockfile.packages)
	.filter(([path, entry]) => /^node_modules\/(?:@[^/]+\/)?[^/]+$/.test(path) && entry.dev !== true)
	.map(([path]) => path.slice('node_modules/'.length));

// ---------------------------------------------------------------------------------------------
// .env.example, read the way Compose reads an env_file

function envFile(text: string): Record<string, string> {
	const env: Record<string, string> = {};
	for (const line of text.split('\n')) {
		const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim());
		if (match) env[match[1]!] = match[2]!;
	}
	return env;
}

const envExample = envFile(read('.env.example'));
/** Variables .env.example explains, set or left commented out as optional (`# METRICS_PORT=9464`). */
const documented = new Set([...read('.env.example').matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]!));
/** Set by the image for Node and its libraries, not a Paperboy setting (JSON logs in production). */
const PLATFORM_VARIABLES = new Set(['NODE_ENV']);

// ---------------------------------------------------------------------------------------------
// docker-compose.yml: a strict reader for the block YAML it is written in (maps, sequences of
// scalars, [flow, sequences], quoted and plain scalars, comments). Anything else throws, so a
// change this reader cannot follow fails here rather than passing unread. Scalars stay strings.

type Yaml = string | null | Yaml[] | { [key: string]: Yaml };

function stripComment(line: string): string {
	let quote: string | undefined;
	for (let i = 0; i < line.length; i++) {
		const char = line[i]!;
		if (quote) {
			if (char === quote) quote = undefined;
		} else if (char === '"' || char === "'") quote = char;
		else if (char === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
	}
	return line;
}

function yamlScalar(text: string, where: string): Yaml {
	if (/^[&*!|>%@`{]/.test(text)) throw new Error(`${where}: this reader does not support ${text}`);
	if (text.startsWith('[')) {
		if (!text.endsWith(']')) throw new Error(`${where}: unclosed [ in ${text}`);
		const inner = text.slice(1, -1).trim();
		return inner === '' ? [] : (inner.match(/"(?:[^"\\]|\\.)*"|'[^']*'|[^,]+/g) ?? []).map((item) => yamlScalar(item.trim(), where));
	}
	if (text.startsWith('"')) return JSON.parse(text) as string;
	if (text.startsWith("'")) {
		if (!text.endsWith("'")) throw new Error(`${where}: unclosed quote in ${text}`);
		return text.slice(1, -1).replaceAll("''", "'");
	}
	if (text === '~' || text === 'null') return null;
	return text;
}

function parseYaml(text: string): { [key: string]: Yaml } {
	const lines = text.split('\n').flatMap((raw, index) => {
		if (/^\s*\t/.test(raw)) throw new Error(`line ${index + 1}: a tab in the indentation`);
		if (/^(---|\.\.\.)\s*$/.test(raw)) throw new Error(`line ${index + 1}: one document only`);
		const content = stripComment(raw).trim();
		return content === '' ? [] : [{ number: index + 1, indent: raw.length - raw.trimStart().length, content }];
	});
	let position = 0;
	const isItem = (content: string) => content === '-' || content.startsWith('- ');

	function block(): Yaml {
		const first = lines[position]!;
		return isItem(first.content) ? sequence(first.indent) : mapping(first.indent);
	}
	function sequence(indent: number): Yaml[] {
		const items: Yaml[] = [];
		while (position < lines.length && lines[position]!.indent === indent && isItem(lines[position]!.content)) {
			const line = lines[position++]!;
			const item = line.content.slice(1).trim();
			if (item === '' || /^[^'"[\s][^:]*:(\s|$)/.test(item))
				throw new Error(`line ${line.number}: this reader does not support mappings in sequences`);
			items.push(yamlScalar(item, `line ${line.number}`));
		}
		return items;
	}
	function mapping(indent: number): { [key: string]: Yaml } {
		const map: { [key: string]: Yaml } = {};
		while (position < lines.length && lines[position]!.indent === indent && !isItem(lines[position]!.content)) {
			const line = lines[position++]!;
			const match = /^([A-Za-z0-9_.-]+|"[^"]+"):(?:\s+(.+))?$/.exec(line.content);
			if (!match) throw new Error(`line ${line.number}: expected "key: value", found ${line.content}`);
			const key = match[1]!.replace(/^"|"$/g, '');
			if (key in map) throw new Error(`line ${line.number}: ${key} appears twice`);
			const next = lines[position];
			if (match[2] !== undefined) map[key] = yamlScalar(match[2], `line ${line.number}`);
			else if (next && next.indent > indent) map[key] = block();
			else if (next && next.indent === indent && isItem(next.content)) map[key] = sequence(indent);
			else map[key] = null;
		}
		const stray = lines[position];
		if (stray && stray.indent > indent) throw new Error(`line ${stray.number}: unexpected indentation`);
		return map;
	}

	const document = mapping(0);
	if (position < lines.length) throw new Error(`line ${lines[position]!.number}: unexpected content`);
	return document;
}

/** Lines that are YAML commented out (`# - X=Y`, `# environment:`), made active again. */
function uncommentOptions(text: string): string {
	return text.replace(/^(\s*)# ((?:environment|volumes):|(?: {2})?- \S+)$/gm, '$1$2');
}

type YamlMap = { [key: string]: Yaml };
const asMap = (value: Yaml | undefined, what: string): YamlMap => {
	if (value === null || value === undefined || typeof value === 'string' || Array.isArray(value))
		throw new Error(`${what} is not a mapping`);
	return value;
};
const asList = (value: Yaml | undefined): Yaml[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

const composeText = read('docker-compose.yml');
const compose = parseYaml(composeText);
const services = asMap(compose.services, 'services');
const bot = asMap(services.paperboy, 'services.paperboy');

/** `environment:` as a list of KEY=VALUE or as a mapping, as Compose takes both. */
function environmentOf(service: YamlMap): Record<string, string> {
	const environment = service.environment;
	if (environment === undefined || environment === null) return {};
	if (Array.isArray(environment)) {
		return Object.fromEntries(
			environment.map((entry) => {
				const [key, ...value] = String(entry).split('=');
				return [key!, value.join('=')];
			}),
		);
	}
	return Object.fromEntries(Object.entries(asMap(environment, 'environment')).map(([key, value]) => [key, String(value ?? '')]));
}

// ---------------------------------------------------------------------------------------------

describe('Dockerfile', () => {
	it('starts the bot with the same entry as npm start, node itself in exec form', () => {
		// npm start is `node src/main.ts`: Node itself strips the types, no loader in between.
		expect(startArgs).toEqual(['node', START_ENTRY]);
		const cmd = execForm(last(runtime, 'CMD')!.args);
		// Exec form: a shell form would put /bin/sh in front of node, and SIGTERM would stop at it.
		expect(cmd).toBeDefined();
		expect(cmd).toEqual(['node', START_ENTRY]);
		// Nothing wraps it (the base image's entrypoint exec()s the command).
		expect(all(runtime, 'ENTRYPOINT')).toEqual([]);
		expect(runtime.instructions.some((instruction) => /\bnpm (start|run)\b/.test(instruction.args))).toBe(false);
	});

	it('copies paths that exist, among them every folder the bot loads at run time', () => {
		const fromContext = copies(build).filter((copy) => copy.from === undefined);
		const sources = fromContext.flatMap((copy) => copy.sources);
		for (const source of sources) {
			expect(existsSync(join(ROOT, source)), `COPY ${source}`).toBe(true);
			expect(isIgnored(source), `${source} is excluded by .dockerignore`).toBe(false);
		}
		// The import graph from src/main.ts reaches src/ and commands/ (src/app.ts imports commands).
		const loaded = new Set([...graph.files].map(topFolder));
		expect(loaded).toEqual(new Set(['src', 'commands']));
		// Threads start from their own files, reached through `new URL(..., import.meta.url)`.
		expect(graph.files).toContain('src/search/search-worker.ts');
		expect(graph.files).toContain('src/search/index-process.ts');
		// seeds/ is the default library (PAPERS_DIR in .env.example and in config).
		expect(envExample.PAPERS_DIR).toBe('seeds');
		for (const folder of [...loaded, envExample.PAPERS_DIR!]) {
			const copy = fromContext.find((candidate) => candidate.sources.includes(folder));
			expect(copy, `${folder}/ is not copied`).toBeDefined();
			// Copied to the same place under the working folder, where relative imports and paths find it.
			expect(posix.resolve(workdirOf(build), copy!.dest)).toBe(posix.join(workdirOf(build), folder));
		}
		// The runtime stage takes the whole working folder of the build stage, to the same path.
		const fromBuild = copies(runtime).filter((copy) => copy.from === 'build');
		expect(fromBuild.map(({ sources, dest }) => [sources, posix.resolve(workdirOf(runtime), dest)])).toEqual([
			[[workdirOf(build)], workdirOf(build)],
		]);
		expect(workdirOf(runtime)).toBe(workdirOf(build));
	});

	it('builds dependencies with --omit=dev, from the lockfile, before the sources (layer cache), with a compiler for sqlite3', () => {
		expect(build.image).toMatch(/^node:24-bookworm-slim$/);
		// The same base for both stages: sqlite3 is compiled against this system and this Node.
		expect(runtime.image).toBe(build.image);
		// The primary Node major (.nvmrc), which package.json's engines accepts.
		const major = Number(/^node:(\d+)/.exec(build.image)![1]);
		expect(major).toBe(Number(readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim()));
		expect(major).toBeGreaterThanOrEqual(Number(/(\d+)/.exec(packageJson.engines.node)![1]));

		const runs = all(build, 'RUN');
		const install = runs.find((run) => /\bnpm ci\b/.test(run.args));
		expect(install?.args).toMatch(/--omit=dev\b/);
		const apt = runs.find((run) => /apt-get install/.test(run.args))!;
		expect(apt.args).toMatch(/--no-install-recommends/);
		for (const tool of ['python3', 'make', 'g++']) expect(apt.args.split(' ')).toContain(tool);
		expect(apt.line).toBeLessThan(install!.line);

		const buildCopies = copies(build);
		const manifests = buildCopies.find((copy) => copy.sources.includes('package.json'))!;
		expect([...manifests.sources].sort()).toEqual(['package-lock.json', 'package.json']);
		expect(manifests.line).toBeLessThan(install!.line);
		for (const copy of buildCopies.filter((candidate) => candidate !== manifests))
			expect(copy.line, `COPY ${copy.sources.join(' ')}`).toBeGreaterThan(install!.line);
		// npm 11 runs only the install scripts package.json allows: sqlite3's must be among them.
		expect(packageJson.allowScripts?.sqlite3).toBe(true);
		// No compilers in the runtime stage.
		expect(all(runtime, 'RUN').some((run) => /apt-get install|g\+\+/.test(run.args))).toBe(false);
	});

	it('runs as a non-root user, with the SQLite file on a volume that user owns', () => {
		const user = last(runtime, 'USER')?.args;
		expect(user).toBeDefined();
		expect(['root', '0']).not.toContain(user!.split(':')[0]);
		// The default store (config and .env.example agree) resolves, from the working folder, into a volume.
		expect(envExample.STORAGE_URL).toBe(DEFAULT_STORAGE_URL);
		const sqliteFile = posix.resolve(workdirOf(runtime), DEFAULT_STORAGE_URL.replace(/^sqlite:\/\//, ''));
		const volume = volumesOf(runtime).find((path) => sqliteFile.startsWith(`${path}/`));
		expect(volume, `${sqliteFile} is on no VOLUME`).toBeDefined();
		// Created and handed to the user before VOLUME: later changes to a volume path are discarded.
		const prepare = all(runtime, 'RUN').find((run) => run.args.includes(`mkdir -p ${volume}`));
		expect(prepare?.args).toContain(`chown ${user}:${user} ${volume}`);
		const declared = all(runtime, 'VOLUME').find((instruction) => instruction.args.includes(volume!))!;
		expect(prepare!.line).toBeLessThan(declared.line);
		expect(last(runtime, 'USER')!.line).toBeGreaterThan(prepare!.line);
	});

	it('holds no secret: the token and the settings come from the environment at run time', () => {
		for (const stage of dockerfile) {
			for (const instruction of stage.instructions) {
				expect(instruction.args, `line ${instruction.line}`).not.toMatch(/DISCORD_TOKEN|\.env\b/);
				if (instruction.keyword === 'ARG' || instruction.keyword === 'ENV')
					expect(instruction.args, `line ${instruction.line}`).not.toMatch(/TOKEN|SECRET|PASSWORD/i);
			}
		}
		// The runtime image sets no Paperboy setting of its own beyond what .env.example documents.
		for (const key of Object.keys(envOf(runtime)))
			expect(documented.has(key) || PLATFORM_VARIABLES.has(key), `${key} is not in .env.example`).toBe(true);
		expect(envOf(runtime).NODE_ENV).toBe('production');
	});
});

describe('the health check', () => {
	const instruction = last(runtime, 'HEALTHCHECK');
	const [, options = '', command = ''] = /^((?:--\S+ )*)CMD (.+)$/.exec(instruction?.args ?? '') ?? [];
	const cmd = execForm(command);

	it('asks the bot’s /readyz on the port the image opens, with node itself (the image has no curl)', () => {
		expect(instruction, 'no HEALTHCHECK in the runtime stage').toBeDefined();
		expect(cmd).toEqual(['node', 'src/healthcheck.ts']);
		expect(read(cmd![1]!)).toContain('/readyz');
		// The script is copied with src/, and loads nothing that the image lacks.
		expect(copies(build).some((copy) => copy.sources.includes(topFolder(cmd![1]!)))).toBe(true);
		expect(importGraph(cmd![1]!).packages).toEqual(new Set());
		// The image turns the server on, on a port it declares; the settings are valid ones.
		const config = loadConfig({ ...envOf(runtime), DISCORD_TOKEN: TEST_TOKEN });
		expect(config.metricsPort).toBe(9464);
		expect(config.metricsHost).toBe('0.0.0.0');
		expect(all(runtime, 'EXPOSE').map(({ args }) => args)).toEqual([String(config.metricsPort)]);
		// Indexing a large library takes a while; failures then do not count against it.
		const startPeriod = /--start-period=(\d+)m\b/.exec(options);
		expect(Number(startPeriod?.[1])).toBeGreaterThanOrEqual(1);
	});

	it('is the same in docker-compose.yml', () => {
		const healthcheck = asMap(bot.healthcheck, 'services.paperboy.healthcheck');
		expect(asList(healthcheck.test)).toEqual(['CMD', ...cmd!]);
		for (const option of ['interval', 'timeout', 'start_period', 'retries'])
			expect(healthcheck[option], option).toBe(new RegExp(`--${option.replace('_', '-')}=(\\S+)`).exec(options)?.[1]);
	});
});

describe('.dockerignore', () => {
	it('keeps secrets, local data, installed modules and bulky output out of the build context', () => {
		for (const path of [
			'.env',
			'.env.local',
			'node_modules/discord.js/package.json',
			'data/paperboy.sqlite',
			'data/paperboy.sqlite-wal',
			'.git/HEAD',
			'bench/.corpora/100k/000.txt',
			'coverage/index.html',
			'dist/main.js',
		]) {
			expect(isIgnored(path), path).toBe(true);
		}
	});

	it('keeps every file the image copies', () => {
		const copied = copies(build)
			.filter((copy) => copy.from === undefined)
			.flatMap((copy) => copy.sources.flatMap(filesUnder));
		expect(copied).toContain('src/search/search-worker.ts');
		expect(copied).toContain('commands/index.ts');
		expect(copied.filter((path) => path.startsWith('seeds/')).length).toBeGreaterThan(0);
		expect(copied.filter((path) => isIgnored(path))).toEqual([]);
	});
});

describe('dependencies in the image', () => {
	it('every package the bot imports at run time is a production dependency, installed by npm ci --omit=dev', () => {
		// The packages the import graph reaches from src/main.ts.
		const needed = graph.packages;
		for (const name of ['discord.js', 'keyv', '@keyv/sqlite', '@keyv/redis', '@keyv/postgres', 'dotenv', 'pino'])
			expect(needed).toContain(name);
		for (const name of needed) {
			expect(packageJson.devDependencies[name], `${name} is a devDependency`).toBeUndefined();
			expect(packageJson.dependencies[name], `${name} is not in dependencies`).toBeDefined();
			expect(productionPackages, `npm ci --omit=dev would not install ${name}`).toContain(name);
		}
		// sqlite3, the native module under @keyv/sqlite, is installed and compiled in the build stage.
		expect(productionPackages).toContain('sqlite3');
		// Node runs the sources itself: no TypeScript runner or compiler comes with the bot.
		for (const tool of ['tsx', 'esbuild', 'typescript']) expect(productionPackages).not.toContain(tool);
	});
});

describe('docker-compose.yml', () => {
	it('builds the image and runs it with .env, the data volume, a restart policy and an init', () => {
		expect(bot.build).toBe('.');
		expect(asList(bot.env_file)).toEqual(['.env']);
		// The image's data VOLUME gets a named volume, declared at the top level.
		const [dataVolume] = volumesOf(runtime);
		const mount = asList(bot.volumes)
			.map(String)
			.find((entry) => entry.split(':')[1] === dataVolume);
		expect(mount, `nothing mounted on ${dataVolume}`).toBeDefined();
		const volumeName = mount!.split(':')[0]!;
		expect(volumeName).not.toMatch(/^[./~]/);
		expect(Object.keys(asMap(compose.volumes, 'volumes'))).toContain(volumeName);
		expect(bot.restart).toBe('unless-stopped');
		expect(bot.init).toBe('true');
		// No setting is written into the compose file itself (comments aside): the token stays in .env.
		const active = composeText.split('\n').map(stripComment).join('\n');
		expect(active).not.toMatch(/TOKEN|SECRET|PASSWORD/i);
		expect(environmentOf(bot)).toEqual({});
	});

	it('has Redis behind the redis profile: persisted, health-checked, waited for only when enabled, unpublished', () => {
		const redis = asMap(services.redis, 'services.redis');
		expect(redis.image).toBe('redis:7-alpine');
		expect(asList(redis.profiles)).toEqual(['redis']);
		expect(asList(redis.command)).toEqual(['redis-server', '--appendonly', 'yes']);
		const redisVolume = asList(redis.volumes)
			.map(String)
			.find((entry) => entry.endsWith(':/data'))!;
		expect(Object.keys(asMap(compose.volumes, 'volumes'))).toContain(redisVolume.split(':')[0]);
		expect(asList(asMap(redis.healthcheck, 'healthcheck').test)).toEqual(['CMD', 'redis-cli', 'ping']);
		expect(redis.ports).toBeUndefined();

		// A dependency on a service its profile leaves out must be optional, or Compose refuses the file without the profile.
		const dependsOn = asMap(bot.depends_on, 'depends_on');
		for (const [name, options] of Object.entries(dependsOn)) {
			const target = asMap(services[name], `services.${name}`);
			const shared = asList(target.profiles).some((profile) => asList(bot.profiles).includes(profile));
			if (asList(target.profiles).length > 0 && !shared) expect(asMap(options, name).required, `depends_on ${name}`).toBe('false');
		}
		expect(asMap(dependsOn.redis, 'redis').condition).toBe('service_healthy');
	});

	it('offers the listings folder and Redis as commented options that, uncommented, fit together', () => {
		const options = parseYaml(uncommentOptions(composeText));
		const optionBot = asMap(asMap(options.services, 'services').paperboy, 'paperboy');
		const environment = environmentOf(optionBot);
		expect(Object.keys(environment).sort()).toEqual(['PAPERS_DIR', 'STORAGE_URL']);
		// Every variable the compose file can set is one .env.example documents.
		for (const key of Object.keys(environment)) expect(envExample, `${key} is not in .env.example`).toHaveProperty(key);

		// PAPERS_DIR points at the listings mount, which is read-only (the bot only reads listings).
		const listings = asList(optionBot.volumes)
			.map(String)
			.find((entry) => entry.split(':')[1] === environment.PAPERS_DIR);
		expect(listings, `nothing mounted on ${environment.PAPERS_DIR}`).toBeDefined();
		expect(listings!.split(':')).toEqual(['./listings', environment.PAPERS_DIR, 'ro']);

		// STORAGE_URL names the redis service on its port.
		const url = new URL(environment.STORAGE_URL!);
		expect(url.protocol).toBe('redis:');
		expect(Object.keys(asMap(options.services, 'services'))).toContain(url.hostname);
		expect(url.port).toBe('6379');
	});
});

/** A port nothing listens on now, to give a process that must be told its port. */
async function freePort(): Promise<number> {
	const server = createServer().listen(0, '127.0.0.1');
	await once(server, 'listening');
	const { port } = server.address() as AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/** Runs a command (node for `node`) in `cwd` to its end: its exit code and everything it printed. */
async function runToExit(command: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
	const child = spawn(command[0] === 'node' ? process.execPath : command[0]!, command.slice(1), {
		cwd,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const [code] = (await once(child, 'exit')) as [number | null];
	return { code, output };
}

describe('the image, laid out from the Dockerfile and run', () => {
	const tempDir = useTempDir();

	/** /app as the Dockerfile builds it: its COPY lines filtered by .dockerignore, plus the production node_modules. */
	function layOutImage(): { app: string; volume: string } {
		const root = realpathSync(tempDir());
		const app = join(root, workdirOf(build));
		for (const copy of copies(build).filter((candidate) => candidate.from === undefined)) {
			const dest = posix.resolve(workdirOf(build), copy.dest);
			for (const source of copy.sources) {
				const isFolder = statSync(join(ROOT, source)).isDirectory();
				// `COPY dir dest` copies dir's contents into dest; `COPY file dir/` puts the file in dir.
				const target = isFolder || !copy.dest.endsWith('/') ? dest : posix.join(dest, posix.basename(source));
				for (const file of filesUnder(source).filter((path) => !isIgnored(path))) {
					const to = join(root, target, isFolder ? file.slice(source.length) : '');
					mkdirSync(dirname(to), { recursive: true });
					cpSync(join(ROOT, file), to);
				}
			}
		}
		// What `npm ci --omit=dev` installs at the top level, linked from this checkout's node_modules.
		for (const name of productionPackages) {
			if (!existsSync(join(ROOT, 'node_modules', name))) continue; // optional packages for other platforms
			mkdirSync(dirname(join(app, 'node_modules', name)), { recursive: true });
			symlinkSync(join(ROOT, 'node_modules', name), join(app, 'node_modules', name), 'dir');
		}
		const [volume] = volumesOf(runtime);
		mkdirSync(join(root, volume!), { recursive: true });
		return { app, volume: join(root, volume!) };
	}

	it(
		'starts from the CMD with .env.example settings, keeps its store in the volume, answers, and stops cleanly on SIGTERM',
		{ timeout: 60_000 },
		async () => {
			const { app, volume } = layOutImage();
			expect(existsSync(join(app, '.env'))).toBe(false);
			const discord = await FakeDiscord.start({ token: TEST_TOKEN });
			const cmd = execForm(last(runtime, 'CMD')!.args)!;
			// As Docker would: the image's ENV, then the env_file (.env.example with a token), then this test's fake Discord,
			// and a free port on the loopback for the image's 9464 on every interface (test runs here may overlap; containers do not).
			const env = {
				PATH: process.env.PATH!,
				...envOf(runtime),
				...envExample,
				DISCORD_TOKEN: TEST_TOKEN,
				DISCORD_API_URL: discord.apiUrl,
				SEARCH_THREADS: '1',
				METRICS_PORT: String(await freePort()),
				METRICS_HOST: '127.0.0.1',
			};
			const healthcheck = () => runToExit(execForm(/CMD (.+)$/.exec(last(runtime, 'HEALTHCHECK')!.args)![1]!)!, app, env);
			const child = spawn(cmd[0] === 'node' ? process.execPath : cmd[0]!, cmd.slice(1), {
				cwd: app,
				env,
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			const output = { stdout: '', stderr: '' };
			child.stdout.on('data', (chunk) => (output.stdout += chunk));
			child.stderr.on('data', (chunk) => (output.stderr += chunk));
			const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
			try {
				const started = expect.poll(() => output.stdout, { timeout: 40_000 }).toContain('"event":"ready"');
				const died = exited.then(([code]) =>
					Promise.reject(new Error(`the bot exited (${code}) before it was ready:\n${output.stdout}\n${output.stderr}`)),
				);
				await Promise.race([started, died]);
				// NODE_ENV=production: JSON log lines, which a log collector reads.
				const logs = output.stdout
					.split('\n')
					.filter(Boolean)
					.map((line) => JSON.parse(line) as Record<string, unknown>);
				const ready = logs.find((line) => line.event === 'ready')!;
				expect(ready.papers).toBeGreaterThan(0);
				// .env.example's STORAGE_URL, relative to the working folder, puts the SQLite file in the volume.
				expect(ready.storage).toBe(`sqlite ${envExample.STORAGE_URL}`);
				expect(readdirSync(volume)).toContain('paperboy.sqlite');

				// A search goes through a search thread (src/search/search-worker.ts, types stripped by Node).
				const answer = await discord
					.dispatchInteraction({
						type: InteractionType.ApplicationCommand,
						data: commandData('/paper search', [{ name: 'query', value: 'grokking' }]),
					})
					.response();
				expect(answer.type).toBe(InteractionResponseType.ChannelMessageWithSource);
				expect((answer.data!.embeds as FakeEmbed[])[0]!.title).toMatch(/Grokking/);
				// Docker's HEALTHCHECK, run where Docker runs it, finds the bot ready.
				expect(await healthcheck()).toEqual({ code: 0, output: '{"ready":true}\n' });

				child.kill('SIGTERM');
				expect(await exited).toEqual([0, null]);
				expect(await healthcheck()).toEqual({
					code: 1,
					output: expect.stringMatching(/^no answer from http:\/\/127\.0\.0\.1:\d+\/readyz: ECONNREFUSED/),
				});
				expect(output.stdout).toContain('"event":"stopped"');
				expect(output.stdout + output.stderr).not.toContain(TEST_TOKEN);
			} finally {
				if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
				await discord.close();
			}
		},
	);
});
