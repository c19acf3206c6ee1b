import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropListing, listing } from './listings.ts';
import { startSubscriptionBot, titles, type SubscriptionBot } from './subscription-bot.ts';

/**
 * The SQLite file on a disk that fills up mid-delivery: a small tmpfs of its own (mounting one
 * needs root, as CI has; elsewhere the test says so and skips). The failed write is logged as the
 * store's, naming the file and what to do, and delivery picks up by itself once there is room.
 */

function mountTinyDisk(): string | undefined {
	const dir = mkdtempSync(join(tmpdir(), 'paperboy-tiny-disk-'));
	try {
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir], { stdio: 'ignore' });
		return dir;
	} catch {
		rmSync(dir, { recursive: true, force: true });
		return undefined;
	}
}

const disk = mountTinyDisk();
const TITLE = 'Quokka Burrows Under Dry Conditions';

/** Writes to `file` until the disk refuses: what is left of it is then full. */
function fillUp(file: string): void {
	const block = Buffer.alloc(64 * 1024, 1);
	try {
		for (;;) appendFileSync(file, block);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
	}
}

describe.skipIf(!disk)(`delivery when the disk is full${disk ? '' : ' (skipped: mounting a small tmpfs needs root)'}`, () => {
	let setup: SubscriptionBot;
	const storeFile = join(disk ?? '', 'data', 'paperboy.sqlite');
	const filler = join(disk ?? '', 'filler');

	beforeAll(async () => {
		setup = await startSubscriptionBot({}, { STORAGE_URL: `sqlite://${storeFile}` });
		expect((await setup.answer('/channel subscribe', setup.papers, [{ name: 'topic', value: 'quokka' }])).content).toMatch(/now follows/);
	}, 30_000);

	afterAll(async () => {
		await setup?.stop();
		execFileSync('umount', [disk!]);
		rmSync(disk!, { recursive: true, force: true });
	});

	it('logs one line naming the full disk and what to do, then delivers the paper once when there is room again', async () => {
		const held = setup.bot.discord.holdNext({ method: 'POST', path: `/channels/${setup.papers}/messages` });
		dropListing(setup.papersDir, '940_quokka.txt', listing('Jun 3', [{ title: TITLE, about: 'quokka burrows in dry seasons' }]));
		await held.reached;
		// Discord has the post; recording it as delivered finds no room.
		fillUp(filler);
		held.release();

		const storeLine = () => setup.bot.logs.find((line) => line.event === 'store_failed');
		await expect.poll(storeLine, { timeout: 10_000 }).toBeDefined();
		expect(storeLine()).toMatchObject({
			level: 50,
			code: 'SQLITE_FULL',
			store: `sqlite://${storeFile}`,
			channel: setup.papers,
			msg: `posting to this channel waits for the store, and resumes by itself once it works: the disk holding ${storeFile} is full (SQLITE_FULL): free space on it`,
		});
		expect(setup.bot.logs.map((line) => line.event)).not.toContain('delivery_failed');

		rmSync(filler);
		await expect.poll(() => setup.bot.logs.map((line) => line.event), { timeout: 20_000 }).toContain('delivery_already_posted');
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		expect(setup.postsIn(setup.papers).map(titles)).toEqual([[TITLE]]);
		expect(setup.bot.logs.filter((line) => line.event === 'store_failed')).toHaveLength(1);
	}, 40_000);
});
