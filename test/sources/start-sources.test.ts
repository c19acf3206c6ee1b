import { describe, expect, it } from 'vitest';
import type { PaperIntake } from '../../src/delivery/paper-intake.ts';
import type { PaperDraft } from '../../src/papers/paper.ts';
import type { PaperSource } from '../../src/sources/paper-source.ts';
import { startSources } from '../../src/sources/start-sources.ts';

/** A source that neither polls nor watches: it hands over what the test pushes. */
class PushSource implements PaperSource {
	closed = false;
	#take: ((drafts: PaperDraft[]) => Promise<void>) | undefined;

	readonly name: string;
	readonly persist: boolean;
	readonly #failStart: boolean;
	constructor(name: string, persist: boolean, failStart = false) {
		this.name = name;
		this.persist = persist;
		this.#failStart = failStart;
	}

	async start(take: (drafts: PaperDraft[]) => Promise<void>): Promise<void> {
		if (this.#failStart) throw new Error(`${this.name} cannot start`);
		this.#take = take;
	}

	async close(): Promise<void> {
		this.closed = true;
	}

	push(title: string): Promise<void> {
		return this.#take!([{ title, abstract: 'An abstract.', listings: [{ file: this.name }] }]);
	}
}

function recordingIntake() {
	const ingested: { titles: string[]; persist: boolean }[] = [];
	const intake = {
		ingest: async (drafts: readonly PaperDraft[], persist: boolean) => {
			ingested.push({ titles: drafts.map((draft) => draft.title), persist });
			return { papers: drafts.length, fresh: 0, posts: 0 };
		},
	} as unknown as PaperIntake;
	return { intake, ingested };
}

describe('startSources', () => {
	it('hands each source’s papers to the intake, stored or not as the source says, once the intake exists', async () => {
		const { intake, ingested } = recordingIntake();
		let ready!: (intake: PaperIntake) => void;
		const later = new Promise<PaperIntake>((resolve) => (ready = resolve));
		const [folder, feed] = [new PushSource('folder', false), new PushSource('feed', true)];
		const running = await startSources([folder, feed], later);
		const early = folder.push('Written Before The Intake');
		expect(ingested).toEqual([]);
		ready(intake);
		await early;
		await feed.push('From A Feed');
		expect(ingested).toEqual([
			{ titles: ['Written Before The Intake'], persist: false },
			{ titles: ['From A Feed'], persist: true },
		]);
		await running.close();
		expect([folder.closed, feed.closed]).toEqual([true, true]);
	});

	it('stops the sources already started when one fails to start', async () => {
		const [first, broken] = [new PushSource('first', true), new PushSource('broken', true, true)];
		await expect(startSources([first, broken], recordingIntake().intake)).rejects.toThrow('broken cannot start');
		expect(first.closed).toBe(true);
	});
});
