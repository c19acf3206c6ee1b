import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ApplicationCommandOptionType, InteractionResponseType } from 'discord.js';
import { startPaperboy, type Paperboy, type StartOptions } from '../../src/app.ts';
import { createLogger } from '../../src/logger.ts';
import { FakeDiscord, type FakeInteraction, type MessageBody } from './fake-discord/index.ts';

/** Shaped like a real bot token, so configuration accepts it; only the fake Discord knows it. */
export const TEST_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GfAkEd.fake-token-for-tests-only-0123456789';

export interface BotHarness {
	readonly discord: FakeDiscord;
	/** The running bot; `restart` replaces it. */
	readonly paperboy: Paperboy;
	/** Every log line the bot wrote, as parsed JSON. */
	readonly logs: Record<string, unknown>[];
	readonly rawLogs: () => string;
	/** Stops the bot and starts it again on the same fake Discord and configuration, as after a restart. */
	restart(startOptions?: Omit<StartOptions, 'logger'>): Promise<Paperboy>;
	stop(): Promise<void>;
}

/**
 * Starts the fake Discord and the real bot wiring (the same `startPaperboy` as `npm start`),
 * configured through the same environment variables.
 */
export async function startBot(
	env: NodeJS.ProcessEnv = {},
	discordOptions: Partial<Parameters<typeof FakeDiscord.start>[0]> = {},
	startOptions: Omit<StartOptions, 'logger'> = {},
): Promise<BotHarness> {
	const discord = await FakeDiscord.start({
		token: TEST_TOKEN,
		guilds: [{ name: 'Lab', channels: [{ name: 'papers' }, { name: 'random' }] }],
		...discordOptions,
	});
	let raw = '';
	const sink = new Writable({
		write(chunk, _encoding, done) {
			raw += chunk;
			done();
		},
	});
	const logger = createLogger('debug', sink);
	// Each bot keeps its index snapshot to itself (a restart loads it), unless the test names a folder.
	const indexDir = env.INDEX_DIR === undefined ? mkdtempSync(join(tmpdir(), 'paperboy-index-')) : undefined;
	const config = {
		DISCORD_TOKEN: TEST_TOKEN,
		DISCORD_API_URL: discord.apiUrl,
		DISCORD_GUILD_ID: discord.guilds[0]!.id,
		PAPERS_DIR: 'seeds',
		STORAGE_URL: 'memory://',
		INDEX_DIR: indexDir,
		...env,
	};
	let paperboy = await startPaperboy(config, { logger, ...startOptions });
	return {
		discord,
		get paperboy() {
			return paperboy;
		},
		async restart(options = {}) {
			await paperboy.stop();
			paperboy = await startPaperboy(config, { logger, ...options });
			return paperboy;
		},
		get logs() {
			return raw
				.split('\n')
				.filter(Boolean)
				.map((line) => JSON.parse(line) as Record<string, unknown>);
		},
		rawLogs: () => raw,
		async stop() {
			try {
				await paperboy.stop();
				await discord.close(); // throws when the bot sent a body Discord would refuse
			} finally {
				if (indexDir) rmSync(indexDir, { recursive: true, force: true });
			}
		},
	};
}

/** A subcommand as a member types it: `/channel subscribe`. */
export type CommandPath = `/${string} ${string}`;
export type OptionValue = { name: string; value: string | number; type?: ApplicationCommandOptionType; focused?: boolean };

/** The interaction data of a subcommand as a member types it: `commandData('/channel subscribe', [{ name: 'topic', value: 'grokking' }])`. */
export function commandData(path: CommandPath, options: OptionValue[] = []) {
	const [name, subcommand] = path.slice(1).split(' ');
	return {
		name,
		options: [
			{
				type: ApplicationCommandOptionType.Subcommand,
				name: subcommand,
				options: options.map(({ type, ...option }) => ({
					type: type ?? (typeof option.value === 'number' ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.String),
					...option,
				})),
			},
		],
	};
}

/** The answer to a command as the member finally sees it, deferred (then edited in) or not. */
export async function finalAnswer(interaction: FakeInteraction): Promise<MessageBody> {
	const { type, data } = await interaction.response();
	// The fake Discord records the callback's type as the number Discord sent.
	return type === InteractionResponseType.DeferredChannelMessageWithSource ? await interaction.waitForEdit() : data!;
}
