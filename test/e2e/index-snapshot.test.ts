import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InteractionType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { SNAPSHOT_FILE } from '../../src/search/open-index.ts';
import type { FakeEmbed } from '../support/fake-discord/index.ts';
import { commandData, startBot } from '../support/start-bot.ts';

describe('the bot and its index snapshot', () => {
	it('builds and saves the index at the first start, loads it at the next, and rebuilds a damaged one', async () => {
		const indexDir = mkdtempSync(join(tmpdir(), 'paperboy-index-'));
		const bot = await startBot({ INDEX_DIR: indexDir });
		const search = async () => {
			const answer = await bot.discord
				.dispatchInteraction({
					type: InteractionType.ApplicationCommand,
					data: commandData('/paper search', [{ name: 'query', value: 'grokking' }]),
				})
				.response();
			return (answer.data!.embeds as FakeEmbed[]).map((embed) => embed.title);
		};
		const indexEvents = () =>
			bot.logs
				.filter((line) => /^index_(loaded|rebuilt)$/.test(String(line.event)))
				.map(({ event, reason }) => `${String(event)}: ${String(reason)}`);
		try {
			const first = await search();
			expect(first[0]).toMatch(/Grokking/);
			await bot.restart();
			expect(await search()).toEqual(first);
			writeFileSync(join(indexDir, SNAPSHOT_FILE), 'not an index');
			await bot.restart();
			expect(await search()).toEqual(first);
			expect(indexEvents()).toEqual([
				'index_rebuilt: there is no index snapshot yet',
				'index_loaded: the listings are unchanged',
				'index_rebuilt: the index snapshot is not a Paperboy index file',
			]);
			// A build says how far it has come (every few seconds, and when done).
			expect(bot.logs.filter((line) => line.event === 'index_progress')).toContainEqual(
				expect.objectContaining({ phase: 'indexing', papers: 675, totalPapers: 675 }),
			);
			expect(bot.logs.find((line) => line.event === 'index_loaded')).toMatchObject({
				papers: 675,
				pending: 0,
				reason: 'the listings are unchanged',
			});
		} finally {
			await bot.stop();
			rmSync(indexDir, { recursive: true, force: true });
		}
	});
});
