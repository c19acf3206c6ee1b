import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InteractionType } from 'discord.js';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { FakeDiscord, type FakeGuildOptions, type MessageBody, type RateLimitOptions } from '../support/fake-discord/index.ts';
import { commandData, finalAnswer, TEST_TOKEN, type CommandPath, type OptionValue } from '../support/start-bot.ts';
import { SEEDS_DIR } from '../helpers.ts';
import { MANAGER } from './subscription-bot.ts';

/**
 * The real bot as child processes (`node src/main.ts`, as `npm start` runs it) on one SQLite
 * file and papers folder, against one fake Discord: for tests that SIGKILL it mid-delivery.
 */

const ROOT = new URL('../../', import.meta.url).pathname;

export interface BotProcess {
	readonly child: ChildProcess;
	readonly output: { stdout: string; stderr: string };
	readonly exited: Promise<[number | null, NodeJS.Signals | null]>;
	/** Index in `discord.requests` of the first request this process could have made. */
	readonly firstRequest: number;
}

/** The log lines (JSON) a process wrote, by event; a line still being written is skipped. */
export function events(bot: BotProcess): string[] {
	return bot.output.stdout.split('\n').flatMap((line) => {
		try {
			return [(JSON.parse(line) as { event?: string }).event ?? ''];
		} catch {
			return [];
		}
	});
}

export async function kill(bot: BotProcess): Promise<void> {
	bot.child.kill('SIGKILL');
	expect(await bot.exited).toEqual([null, 'SIGKILL']);
}

/** Stops the process as a container stop does, and checks it stopped cleanly. */
export async function stop(bot: BotProcess): Promise<void> {
	bot.child.kill('SIGTERM');
	expect(await bot.exited).toEqual([0, null]);
}

export interface BotProcesses {
	readonly discord: FakeDiscord;
	readonly papersDir: string;
	readonly children: BotProcess[];
	/** Starts a process and resolves once it logged `ready`. */
	readonly start: () => Promise<BotProcess>;
	/** A command's answer as the member finally sees it (from a member with Manage Channels by default). */
	readonly answer: (path: CommandPath, channelId: string, options?: OptionValue[], permissions?: string) => Promise<MessageBody>;
}

export interface BotProcessOptions {
	/** Changes to the processes' environment, such as another STORAGE_URL. */
	readonly env?: Readonly<Record<string, string>>;
	/** Discord's limit on posts per channel, to stretch a delivery out over time. */
	readonly messageRateLimit?: RateLimitOptions;
}

/** Sets up the fake Discord (with `guild`) and the folder before the file's (or describe block's) tests; kills what is left after them. */
export function useBotProcesses(guild: FakeGuildOptions, options: BotProcessOptions = {}): BotProcesses {
	const setup = { children: [] as BotProcess[] } as { -readonly [K in keyof BotProcesses]: BotProcesses[K] };
	let root: string;
	let env: Record<string, string>;
	beforeAll(async () => {
		const { messageRateLimit } = options;
		const discord = await FakeDiscord.start({ token: TEST_TOKEN, guilds: [guild], ...(messageRateLimit ? { messageRateLimit } : {}) });
		root = mkdtempSync(join(tmpdir(), 'paperboy-crash-'));
		const papersDir = join(root, 'papers');
		mkdirSync(papersDir);
		copyFileSync(join(SEEDS_DIR, '000_e0245a0a4af11ce5.txt'), join(papersDir, '000_e0245a0a4af11ce5.txt'));
		env = {
			PATH: process.env.PATH!,
			DISCORD_TOKEN: TEST_TOKEN,
			DISCORD_API_URL: discord.apiUrl,
			DISCORD_GUILD_ID: discord.guilds[0]!.id,
			PAPERS_DIR: papersDir,
			STORAGE_URL: `sqlite://${join(root, 'data', 'paperboy.sqlite')}`,
			INDEX_DIR: join(root, 'data', 'index'),
			SEARCH_THREADS: '1',
			LOG_LEVEL: 'info',
			// Set (empty means unset), so that a developer's .env cannot switch network sources on here.
			HF_PAPERS_URL: '',
			ARXIV_FEED_URL: '',
			...options.env,
		};
		Object.assign(setup, { discord, papersDir });
	}, 30_000);

	setup.start = async () => {
		const child = spawn(process.execPath, ['src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
		const output = { stdout: '', stderr: '' };
		child.stdout.on('data', (chunk) => (output.stdout += chunk));
		child.stderr.on('data', (chunk) => (output.stderr += chunk));
		const exited = once(child, 'exit') as BotProcess['exited'];
		const bot: BotProcess = { child, output, exited, firstRequest: setup.discord.requests.length };
		setup.children.push(bot);
		await expect.poll(() => events(bot), { timeout: 20_000, interval: 100 }).toContain('ready');
		return bot;
	};
	setup.answer = (path, channelId, options = [], permissions = MANAGER) =>
		finalAnswer(
			setup.discord.dispatchInteraction({
				type: InteractionType.ApplicationCommand,
				channelId,
				permissions,
				data: commandData(path, options),
			}),
		);

	afterEach(({ task }) => {
		// A failure is read with what the processes said and what Discord was asked.
		if (task.result?.state !== 'fail') return;
		for (const [i, bot] of setup.children.entries())
			console.error(`bot process ${i + 1} (pid ${bot.child.pid}):\n${bot.output.stdout}${bot.output.stderr}`);
		console.error(
			setup.discord.requests
				.map((request) => `${request.method} ${request.path} ${JSON.stringify(request.query)} -> ${request.status}`)
				.join('\n'),
		);
	});

	afterAll(async () => {
		for (const bot of setup.children) {
			if (bot.child.exitCode === null && bot.child.signalCode === null) {
				bot.child.kill('SIGKILL');
				await bot.exited;
			}
		}
		await setup.discord?.close();
		if (root) rmSync(root, { recursive: true, force: true });
	});
	return setup;
}
