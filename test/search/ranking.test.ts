import { describe, expect, it } from 'vitest';
import { paperIdFor } from '../../src/papers/normalize.js';
import { buildSearchEngine } from '../../src/search/build.js';
import { abstractAbout } from '../helpers.js';

/** An engine over hand-made papers; an abstract left out reads as a generic one. */
function engineOf(papers: readonly { title: string; abstract?: string }[]) {
	return buildSearchEngine(
		papers.map(({ title, abstract }) => ({ id: paperIdFor(title), title, abstract: abstract ?? abstractAbout('image models'), listings: [{ file: 'test.txt' }] })),
	);
}

const top = (engine: ReturnType<typeof engineOf>, query: string) => engine.search(query).results.map((r) => r.paper.title);

describe('a word found as typed ranks before corrections of it', () => {
	const engine = engineOf([
		{ title: 'ASBench: Image Anomalies Synthesis Benchmark' },
		{ title: 'AVBench: Evaluating Audio-Visual Generation' },
		{ title: 'Ctrl-U: Robust Conditional Image Generation' },
		{ title: 'Animating Characters with Dynamic Poses', abstract: `${abstractAbout('character animation')} We release A2Bench for it.` },
		{ title: 'Refined Regret for Adversarial MDPs', abstract: `${abstractAbout('online learning')} FTRL attains the bound.` },
	]);

	it('wherever it stands: once in an abstract beats a near-miss in a title', () => {
		expect(top(engine, 'A2Bench')[0]).toBe('Animating Characters with Dynamic Poses');
		expect(top(engine, 'FTRL')[0]).toBe('Refined Regret for Adversarial MDPs');
	});

	it('and corrections still find what the corpus lacks as typed', () => {
		expect(top(engine, 'ASBench')[0]).toBe('ASBench: Image Anomalies Synthesis Benchmark');
		expect(top(engine, 'AZBench')).toContain('ASBench: Image Anomalies Synthesis Benchmark');
	});
});
