import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers.ts';
import { FakeDiscord } from '../support/fake-discord/index.ts';
import { logLines, runMain } from '../support/run-main.ts';
import { TEST_TOKEN } from '../support/start-bot.ts';

const tempDir = useTempDir();
const FATAL = 60;

/** Runs `npm start` under NODE_ENV=production until it gives up; returns the one line saying why, checking it is the only such line. */
async function failedStart(env: Record<string, string>) {
	const { output, exited } = runMain({ NODE_ENV: 'production', ...env });
	expect((await exited)[0]).toBe(1);
	const lines = output.stdout.trimEnd().split('\n');
	// Every line is JSON: a log collector reads each; nothing goes to stderr beside it.
	expect(logLines(output.stdout)).toHaveLength(lines.length);
	expect(output.stderr).toBe('');
	const failures = logLines(output.stdout).filter((line) => line.event === 'startup_failed');
	expect(failures).toHaveLength(1);
	expect(lines.at(-1)).toBe(JSON.stringify(failures[0]));
	expect(failures[0]).toMatchObject({ level: FATAL, app: 'paperboy' });
	return { failure: failures[0]!, output: output.stdout };
}

describe('a start-up failure under NODE_ENV=production', () => {
	it('is one JSON line listing the configuration problems, never the values', async () => {
		const { failure, output } = await failedStart({ DISCORD_TOKEN: 'not-a-token-at-all', DISCORD_GUILD_ID: 'abc', LOG_LEVEL: 'silent' });
		expect(failure.problems).toEqual([
			expect.objectContaining({
				variable: 'DISCORD_TOKEN',
				valueKind: 'invalid',
				message: expect.stringMatching(/^does not look like a bot token/),
			}),
			expect.objectContaining({ variable: 'DISCORD_GUILD_ID', valueKind: 'invalid' }),
		]);
		expect(failure.msg).toMatch(
			/^Paperboy cannot start, the configuration has problems: DISCORD_TOKEN does not look like a bot token.*; DISCORD_GUILD_ID must be/,
		);
		expect(failure.fix).toContain('.env.example');
		expect(output).not.toContain('not-a-token-at-all');
	});

	it('is one JSON line naming a store that does not answer, without its password', async () => {
		const { failure, output } = await failedStart({ DISCORD_TOKEN: TEST_TOKEN, STORAGE_URL: 'redis://paperboy:hunter2@127.0.0.1:1' });
		expect(failure.msg).toMatch(/^Paperboy could not start: cannot use the storage at redis:\/\/paperboy:\*\*\*@127\.0\.0\.1:1: /);
		expect(failure.err).toMatchObject({ type: 'StorageError' });
		expect(failure.fix).toContain('doctor');
		expect(output).not.toContain('hunter2');
	});

	it('is one JSON line when the papers cannot be read', async () => {
		const notAFolder = join(tempDir(), 'papers.txt');
		writeFileSync(notAFolder, 'a file where the folder should be');
		const { failure } = await failedStart({ DISCORD_TOKEN: TEST_TOKEN, PAPERS_DIR: notAFolder, INDEX_DIR: tempDir() });
		expect(failure).toMatchObject({ err: { code: 'ENOTDIR' }, msg: expect.stringContaining(notAFolder) });
	});

	it('is one JSON line when Discord refuses the token, which it never prints', async () => {
		const discord = await FakeDiscord.start({ token: 'some-other-token' });
		try {
			const { failure, output } = await failedStart({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: discord.apiUrl, INDEX_DIR: tempDir() });
			expect(failure.msg).toMatch(/^Paperboy could not start: .*token/i);
			expect(output).not.toContain(TEST_TOKEN);
		} finally {
			await discord.close();
		}
	});
});
