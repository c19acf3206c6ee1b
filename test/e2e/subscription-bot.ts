import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InteractionType, PermissionFlagsBits } from 'discord.js';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { StartOptions } from '../../src/app.ts';
import { MEMBER_PERMISSIONS, type FakeMessage, type MessageBody } from '../support/fake-discord/index.ts';
import { commandData, finalAnswer, startBot, type BotHarness, type CommandPath } from '../support/start-bot.ts';
import { SEEDS_DIR } from '../helpers.ts';

export const MANAGER = (BigInt(MEMBER_PERMISSIONS) | PermissionFlagsBits.ManageChannels).toString();
export { MEMBER_PERMISSIONS };

type Options = { name: string; value: string | number }[];

/** The bot on a small papers folder it watches and a SQLite file, both in a fresh temporary folder. */
export async function startSubscriptionBot(startOptions: Omit<StartOptions, 'logger'> = {}, env: NodeJS.ProcessEnv = {}) {
	const root = mkdtempSync(join(tmpdir(), 'paperboy-e2e-'));
	const papersDir = join(root, 'papers');
	mkdirSync(papersDir);
	copyFileSync(join(SEEDS_DIR, '000_e0245a0a4af11ce5.txt'), join(papersDir, '000_e0245a0a4af11ce5.txt'));
	const bot: BotHarness = await startBot(
		{
			PAPERS_DIR: papersDir,
			STORAGE_URL: `sqlite://${join(root, 'data', 'paperboy.sqlite')}`,
			INDEX_DIR: join(root, 'data', 'index'),
			...env,
		},
		{},
		startOptions,
	);
	const command = (path: CommandPath, channelId: string, options: Options = [], permissions = MANAGER) =>
		bot.discord.dispatchInteraction({ type: InteractionType.ApplicationCommand, channelId, permissions, data: commandData(path, options) });
	return {
		bot,
		papersDir,
		/** The ids of the guild's two channels. */
		papers: bot.discord.channel('papers').id,
		random: bot.discord.channel('random').id,
		command,
		/** The answer as the member finally sees it, deferred or not. */
		answer: (path: CommandPath, channelId: string, options: Options = [], permissions = MANAGER): Promise<MessageBody> =>
			finalAnswer(command(path, channelId, options, permissions)),
		/** Paperboy's paper posts in a channel (messages with embeds). */
		postsIn: (channelId: string): FakeMessage[] =>
			bot.discord.channelMessages(channelId).filter((message) => (message.embeds ?? []).length > 0),
		async stop() {
			await bot.stop();
			rmSync(root, { recursive: true, force: true });
		},
	};
}

export type SubscriptionBot = Awaited<ReturnType<typeof startSubscriptionBot>>;

/**
 * Starts the bot before a file's tests (then runs `prepare`) and stops it after. The returned
 * object is filled in by then, so tests use it directly.
 */
export function useSubscriptionBot(
	prepare: (setup: SubscriptionBot) => Promise<void> = async () => {},
	env: NodeJS.ProcessEnv = {},
): SubscriptionBot {
	return useBot(beforeAll, afterAll, prepare, env);
}

/** The same, with a bot of its own (papers, store, channels) for each test, so each can run alone and in any order. */
export function useFreshSubscriptionBot(
	prepare: (setup: SubscriptionBot) => Promise<void> = async () => {},
	env: NodeJS.ProcessEnv = {},
): SubscriptionBot {
	return useBot(beforeEach, afterEach, prepare, env);
}

function useBot(
	before: typeof beforeAll,
	after: typeof afterAll,
	prepare: (setup: SubscriptionBot) => Promise<void>,
	env: NodeJS.ProcessEnv,
): SubscriptionBot {
	const setup = {} as SubscriptionBot;
	before(async () => {
		Object.assign(setup, await startSubscriptionBot({}, env));
		await prepare(setup);
	}, 30_000);
	after(async () => {
		await setup.stop?.();
	});
	return setup;
}

export const titles = (message: FakeMessage) => message.embeds.map((embed) => embed.title);
