import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_INDEX_DIR, DEFAULT_STORAGE_URL, loadConfig } from '../src/config.ts';
import { TEST_TOKEN } from './support/start-bot.ts';

describe('loadConfig', () => {
	it('applies defaults and freezes the result', () => {
		const config = loadConfig({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_GUILD_ID: '' });
		expect(config).toEqual({
			discordToken: TEST_TOKEN,
			guildId: undefined,
			apiUrl: undefined,
			papersDir: 'seeds',
			indexDir: DEFAULT_INDEX_DIR,
			storageUrl: DEFAULT_STORAGE_URL,
			feeds: [],
			sourcePollMinutes: 30,
			searchThreads: Math.min(availableParallelism(), 4),
			logLevel: 'info',
			shardCount: undefined,
			shardIds: undefined,
			metricsPort: undefined,
			metricsHost: '127.0.0.1',
		});
		expect(Object.isFrozen(config)).toBe(true);
	});

	it('names every bad variable at once, points to .env.example, and echoes no value', () => {
		const attempt = () =>
			loadConfig({
				DISCORD_TOKEN: 'secret',
				DISCORD_API_URL: 'not a url',
				LOG_LEVEL: 'chatty',
				SEARCH_THREADS: '0',
				STORAGE_URL: 'mysql://user:hunter2@db/x',
			});
		expect(attempt).toThrow(ConfigError);
		const message = (() => {
			try {
				attempt();
			} catch (error) {
				return (error as Error).message;
			}
		})()!;
		expect(message).toMatch(/DISCORD_TOKEN does not look like a bot token/);
		expect(message).toMatch(/DISCORD_API_URL must be a URL/);
		expect(message).toMatch(/LOG_LEVEL/);
		expect(message).toMatch(/SEARCH_THREADS must be a whole number from 1 to 16/);
		expect(message).toMatch(/STORAGE_URL must start with sqlite:\/\//);
		expect(message).toMatch(/\.env\.example/);
		expect(message).not.toMatch(/secret|chatty|not a url|hunter2/);
	});

	it('lists each problem by variable, with what is wrong with its value', () => {
		const problems = (env: NodeJS.ProcessEnv) => {
			try {
				loadConfig(env);
			} catch (error) {
				return (error as ConfigError).problems;
			}
		};
		expect(problems({ DISCORD_TOKEN: ' ', LOG_LEVEL: 'chatty' })).toEqual([
			{ variable: 'DISCORD_TOKEN', valueKind: 'unset', message: expect.stringMatching(/^is required/) },
			{ variable: 'LOG_LEVEL', valueKind: 'invalid', message: expect.any(String) },
		]);
		expect(problems({ DISCORD_TOKEN: TEST_TOKEN, SHARD_COUNT: '2', SHARDS: '1' })).toEqual([
			{ variable: 'SHARDS', valueKind: 'conflict', message: expect.stringMatching(/^splits the shards between processes/) },
		]);
	});

	it('runs every shard in one process on any storage, and splits them between processes only on shared storage', () => {
		expect(loadConfig({ DISCORD_TOKEN: TEST_TOKEN, SHARD_COUNT: '2' })).toMatchObject({ shardCount: 2, shardIds: undefined });
		expect(loadConfig({ DISCORD_TOKEN: TEST_TOKEN, SHARD_COUNT: 'auto', STORAGE_URL: 'memory://' }).shardCount).toBe('auto');
		expect(
			loadConfig({ DISCORD_TOKEN: TEST_TOKEN, SHARD_COUNT: '4', SHARDS: '3, 1', STORAGE_URL: 'redis://127.0.0.1:6379' }).shardIds,
		).toEqual([1, 3]);
		expect(
			loadConfig({ DISCORD_TOKEN: TEST_TOKEN, SHARD_COUNT: '3', SHARDS: '[0]', STORAGE_URL: 'postgresql://u:p@h/d' }).shardIds,
		).toEqual([0]);
		expect(() => loadConfig({ DISCORD_TOKEN: TEST_TOKEN, SHARD_COUNT: '2', SHARDS: '1' })).toThrow(
			/SHARDS splits the shards between processes, which need storage they all share[\s\S]*now sqlite/,
		);
		expect(() => loadConfig({ DISCORD_TOKEN: TEST_TOKEN, SHARDS: '1', STORAGE_URL: 'redis://h' })).toThrow(
			/SHARDS needs SHARD_COUNT set to the number of shards in all/,
		);
		expect(() => loadConfig({ DISCORD_TOKEN: TEST_TOKEN, SHARD_COUNT: 'auto', SHARDS: '1', STORAGE_URL: 'redis://h' })).toThrow(/not auto/);
		expect(() => loadConfig({ DISCORD_TOKEN: TEST_TOKEN, SHARD_COUNT: '2', SHARDS: '2', STORAGE_URL: 'redis://h' })).toThrow(
			/SHARDS names shard 2, but there are only 2 \(ids 0 to 1\)/,
		);
		expect(() => loadConfig({ DISCORD_TOKEN: TEST_TOKEN, SHARD_COUNT: '2', SHARDS: 'one', STORAGE_URL: 'redis://h' })).toThrow(
			/SHARDS must list shard ids/,
		);
		expect(() => loadConfig({ DISCORD_TOKEN: TEST_TOKEN, SHARD_COUNT: 'many', STORAGE_URL: 'memory://' })).toThrow(
			/SHARD_COUNT must be auto or a whole number/,
		);
	});

	it('serves health and metrics only with METRICS_PORT, on a port or any free one (0), at an address to listen on', () => {
		expect(loadConfig({ DISCORD_TOKEN: TEST_TOKEN, METRICS_PORT: '9464' })).toMatchObject({ metricsPort: 9464, metricsHost: '127.0.0.1' });
		expect(loadConfig({ DISCORD_TOKEN: TEST_TOKEN, METRICS_PORT: '0', METRICS_HOST: '0.0.0.0' })).toMatchObject({
			metricsPort: 0,
			metricsHost: '0.0.0.0',
		});
		for (const host of ['::', 'localhost', 'paperboy.internal'])
			expect(loadConfig({ DISCORD_TOKEN: TEST_TOKEN, METRICS_HOST: host }).metricsHost).toBe(host);
		for (const port of ['65536', '-1', '94.64', 'metrics'])
			expect(() => loadConfig({ DISCORD_TOKEN: TEST_TOKEN, METRICS_PORT: port }), port).toThrow(
				/METRICS_PORT must be a port number from 1 to 65535, or 0 for any free port/,
			);
		expect(() => loadConfig({ DISCORD_TOKEN: TEST_TOKEN, METRICS_HOST: 'http://0.0.0.0' })).toThrow(
			/METRICS_HOST must be an address to listen on, such as 127.0.0.1/,
		);
	});

	it('strips a trailing slash from the API URL', () => {
		expect(loadConfig({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: 'http://127.0.0.1:9/api/' }).apiUrl).toBe('http://127.0.0.1:9/api');
	});

	it('loads no database driver, nor the storage layer, to check STORAGE_URL', async () => {
		// Every module the import of config.ts resolves, recorded by a hook in a fresh process.
		const script = `
			import { registerHooks } from 'node:module';
			const loaded = [];
			registerHooks({ resolve: (specifier, context, next) => { const found = next(specifier, context); loaded.push(found.url); return found; } });
			await import(${JSON.stringify(new URL('../src/config.ts', import.meta.url).href)});
			console.log(JSON.stringify(loaded));`;
		const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
		const loaded = JSON.parse(stdout) as string[];
		expect(loaded.some((url) => url.includes('/node_modules/zod/'))).toBe(true); // the hook saw the imports
		expect(loaded.filter((url) => /\/node_modules\/(?:pg|pg-[^/]+|@keyv|keyv|@redis|redis|sqlite3)\//.test(url))).toEqual([]);
		expect(loaded.filter((url) => url.includes('/src/storage/')).map((url) => url.replace(/^.*\/src\//, ''))).toEqual(['storage/kinds.ts']);
	});
});
