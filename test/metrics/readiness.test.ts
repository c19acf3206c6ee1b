import { describe, expect, it } from 'vitest';
import { Readiness } from '../../src/metrics/readiness.ts';

const LOCATION = 'redis://:***@127.0.0.1:6379';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A store whose writes wait until answered, counting them; the e2e tests stop a real Redis. */
function storeDouble() {
	const waiting: { resolve: () => void; reject: (error: Error) => void }[] = [];
	return {
		writes: () => waiting.length,
		probeStore: () => new Promise<void>((resolve, reject) => waiting.push({ resolve, reject })),
		answerAll: () => waiting.forEach(({ resolve }) => resolve()),
		failNext: (error: Error) => waiting.at(-1)!.reject(error),
	};
}

describe('readiness', () => {
	it('names a store that does not answer in time, with its address, and writes to it again only once it answers', async () => {
		const store = storeDouble();
		const readiness = new Readiness({ probeTimeoutMs: 50, cacheMs: 10 });
		readiness.started({ probeStore: store.probeStore, storeLocation: LOCATION, discordProblem: () => undefined });
		expect(await readiness.check()).toEqual({ ready: false, reason: `the store at ${LOCATION} does not answer within 0.05 s` });
		await sleep(20);
		// Still hanging: no second write piles up behind the first, and the answer says how long it has waited.
		expect(await readiness.check()).toEqual({
			ready: false,
			reason: expect.stringMatching(
				new RegExp(`^the store at ${LOCATION.replace(/[*.]/g, '\\$&')} does not answer: a write has waited \\d+\\.\\d s for it$`),
			),
		});
		expect(store.writes()).toBe(1);
		store.answerAll();
		await sleep(20);
		const answered = readiness.check();
		expect(store.writes()).toBe(2);
		store.answerAll();
		expect(await answered).toEqual({ ready: true });
	});

	it('keeps an answer for a moment, so scrapes close together write once', async () => {
		const store = storeDouble();
		const readiness = new Readiness({ probeTimeoutMs: 1_000, cacheMs: 60_000 });
		readiness.started({ probeStore: store.probeStore, storeLocation: LOCATION, discordProblem: () => undefined });
		const checks = [readiness.check(), readiness.check()];
		store.answerAll();
		expect(await Promise.all(checks)).toEqual([{ ready: true }, { ready: true }]);
		expect(await readiness.check()).toEqual({ ready: true });
		expect(store.writes()).toBe(1);
	});

	it('passes on why a write failed', async () => {
		const store = storeDouble();
		const readiness = new Readiness({ probeTimeoutMs: 1_000 });
		readiness.started({
			probeStore: store.probeStore,
			storeLocation: 'sqlite sqlite://data/paperboy.sqlite',
			discordProblem: () => undefined,
		});
		const check = readiness.check();
		store.failNext(new Error('SQLITE_FULL: database or disk is full'));
		expect(await check).toEqual({
			ready: false,
			reason: 'the store at sqlite sqlite://data/paperboy.sqlite cannot be written to: SQLITE_FULL: database or disk is full',
		});
	});

	it('asks Discord first: a shard off the gateway is the reason, whatever the store', async () => {
		const store = storeDouble();
		const readiness = new Readiness();
		readiness.started({ probeStore: store.probeStore, storeLocation: LOCATION, discordProblem: () => 'shard 1 is reconnecting' });
		expect(await readiness.check()).toEqual({ ready: false, reason: 'shard 1 is reconnecting' });
		expect(store.writes()).toBe(0);
	});
});
