import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InteractionResponseType, InteractionType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { openStorage } from '../../src/storage/storage.ts';
import { prepareTarget } from '../../src/storage/transfer.ts';
import { FakeDiscord } from '../support/fake-discord/index.ts';
import { logLines, runMain } from '../support/run-main.ts';
import { commandData, TEST_TOKEN } from '../support/start-bot.ts';

const events = (stdout: string) => logLines(stdout).map((line) => line.event);

/** Runs `test` against a fresh fake Discord, closed afterwards whatever happens. */
async function withFakeDiscord(token: string, test: (discord: FakeDiscord) => Promise<void>): Promise<void> {
	const discord = await FakeDiscord.start({ token });
	try {
		await test(discord);
	} finally {
		await discord.close();
	}
}

describe('npm start', () => {
	it('starts against Discord, answers, and shuts down cleanly on SIGTERM', async () => {
		await withFakeDiscord(TEST_TOKEN, async (discord) => {
			// Empty variables, as a copied .env.example leaves them, count as unset (discord.js reads SHARD_COUNT itself).
			const { child, output, exited } = runMain({
				DISCORD_TOKEN: TEST_TOKEN,
				DISCORD_API_URL: discord.apiUrl,
				LOG_LEVEL: 'info',
				SHARD_COUNT: '',
				DISCORD_GUILD_ID: '',
			});
			await expect.poll(() => events(output.stdout), { timeout: 20_000 }).toContain('ready');
			expect(discord.commands.global.map((command) => command.name)).toEqual(['paper', 'channel']);
			const answer = await discord
				.dispatchInteraction({ type: InteractionType.ApplicationCommand, data: commandData('/paper about') })
				.response();
			expect(answer.type).toBe(InteractionResponseType.ChannelMessageWithSource);
			child.kill('SIGTERM');
			expect(await exited).toEqual([0, null]);
			expect(events(output.stdout)).toContain('stopped');
			expect(output.stdout + output.stderr).not.toContain(TEST_TOKEN);
		});
	});

	it('honours a SIGTERM that arrives during start-up, stopping cleanly once started', async () => {
		await withFakeDiscord(TEST_TOKEN, async (discord) => {
			const { child, output, exited } = runMain({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: discord.apiUrl, LOG_LEVEL: 'info' });
			await expect.poll(() => events(output.stdout), { timeout: 20_000, interval: 20 }).toContain('papers_indexed');
			child.kill('SIGTERM');
			expect(await exited).toEqual([0, null]);
			expect(logLines(output.stdout).find((line) => line.event === 'shutting_down')).toMatchObject({ signal: 'SIGTERM' });
			expect(events(output.stdout)).toContain('stopped');
		});
	});

	it('refuses to start without a token, naming the variable and never echoing values', async () => {
		const { output, exited } = runMain({ DISCORD_TOKEN: 'not-a-token-at-all', DISCORD_GUILD_ID: 'abc' });
		expect((await exited)[0]).toBe(1);
		expect(output.stderr).toContain('DISCORD_TOKEN does not look like a bot token');
		expect(output.stderr).toContain('DISCORD_GUILD_ID must be a server id');
		expect(output.stderr).toContain('.env.example');
		expect(output.stderr).not.toContain('not-a-token-at-all');
	});

	it('refuses a store that a migration or an import has not finished filling', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'paperboy-half-copied-'));
		try {
			const url = `sqlite://${join(dir, 'paperboy.sqlite')}`;
			const storage = await openStorage(url);
			await prepareTarget(storage, 'redis://old-host:6379', false);
			await storage.close();
			const { output, exited } = runMain({ DISCORD_TOKEN: TEST_TOKEN, STORAGE_URL: url });
			expect((await exited)[0]).toBe(1);
			expect(output.stdout + output.stderr).toMatch(
				/holds an unfinished copy from redis:\/\/old-host:6379 \(started .+\): run that paperboy migrate or import again to finish it before starting the bot/,
			);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('reports a token Discord rejects without printing it', async () => {
		await withFakeDiscord('some-other-token', async (discord) => {
			const { output, exited } = runMain({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: discord.apiUrl });
			expect((await exited)[0]).toBe(1);
			expect(output.stderr).toMatch(/Paperboy could not start: .*token/i);
			expect(output.stdout + output.stderr).not.toContain(TEST_TOKEN);
		});
	});

	it('npm run deploy-commands registers the commands in the guild without starting the bot', async () => {
		await withFakeDiscord(TEST_TOKEN, async (discord) => {
			const guildId = discord.guilds[0]!.id;
			const { output, exited } = runMain(
				{ DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: discord.apiUrl, DISCORD_GUILD_ID: guildId },
				'src/deploy-commands.ts',
			);
			expect((await exited)[0]).toBe(0);
			expect(output.stdout).toContain(`Registered 2 command(s) in guild ${guildId}`);
			expect(discord.commands.guilds[guildId]?.map((command) => command.name)).toEqual(['paper', 'channel']);
			expect(discord.identifies).toEqual([]);
		});
	});
});
