import { describe, expect, it } from 'vitest';
import { paperIdFor } from '../../src/papers/normalize.ts';
import { buildSearchEngine } from '../../src/search/build.ts';
import { abstractAbout } from '../helpers.ts';

/** An engine over hand-made papers; an abstract left out reads as a generic one. */
function engineOf(papers: readonly { title: string; abstract?: string }[]) {
	return buildSearchEngine(
		papers.map(({ title, abstract }) => ({
			id: paperIdFor(title),
			title,
			abstract: abstract ?? abstractAbout('image models'),
			listings: [{ file: 'test.txt' }],
		})),
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

describe('query words standing together rank first', () => {
	// Short titles holding the words apart score higher than the long one holding them together.
	const distractors = Array.from({ length: 40 }, (_, i) => ({
		title: `Pre-training a Language Model for Task ${i}`,
		abstract: `${abstractAbout('model pre-training')} Training the model via distillation.`,
	}));
	const engine = engineOf([
		...distractors,
		{ title: 'Sheared Llama: Accelerating Language Model Pre-training via Structured Pruning' },
		{ title: 'GRU Cells Inspired by Biology', abstract: `${abstractAbout('recurrent cells')} The GRU is inspired by gating.` },
		{ title: 'Gated Recursive Fusion for Sensors', abstract: `${abstractAbout('sensor fusion')} We propose a GRU-inspired fusion cell.` },
		{ title: 'Dense Retrieval at Scale', abstract: `${abstractAbout('retrieval')} Results on TREC-DL19 and TREC-DL20 improve.` },
		{ title: 'The TREC Deep Learning Track: DL19 in Review' },
	]);

	it('a run of title words with stopwords among them', () => {
		expect(top(engine, 'model pre-training via')[0]).toBe('Sheared Llama: Accelerating Language Model Pre-training via Structured Pruning');
		expect(top(engine, 'accelerating language model')[0]).toBe(
			'Sheared Llama: Accelerating Language Model Pre-training via Structured Pruning',
		);
	});

	it('a hyphenated or alphanumeric name as typed, and by its parts', () => {
		expect(top(engine, 'GRU-inspired')[0]).toBe('Gated Recursive Fusion for Sensors');
		expect(top(engine, 'GRU inspired')[0]).toBe('Gated Recursive Fusion for Sensors');
		expect(top(engine, 'TREC-DL19')[0]).toBe('Dense Retrieval at Scale');
		expect(top(engine, 'GRU')).toEqual(expect.arrayContaining(['GRU Cells Inspired by Biology', 'Gated Recursive Fusion for Sensors']));
		expect(top(engine, 'DL19')).toEqual(
			expect.arrayContaining(['Dense Retrieval at Scale', 'The TREC Deep Learning Track: DL19 in Review']),
		);
	});

	it('a title being typed, its last word unfinished', () => {
		expect(engine.suggest('language model pre-training v')[0]?.title).toBe(
			'Sheared Llama: Accelerating Language Model Pre-training via Structured Pruning',
		);
	});

	it('within quoted phrases and exclusions', () => {
		expect(top(engine, '"language model" pre-training via')[0]).toBe(
			'Sheared Llama: Accelerating Language Model Pre-training via Structured Pruning',
		);
		expect(top(engine, 'model pre-training via -sheared')).not.toContain(
			'Sheared Llama: Accelerating Language Model Pre-training via Structured Pruning',
		);
		expect(top(engine, '"pre-training via structured"')).toEqual([
			'Sheared Llama: Accelerating Language Model Pre-training via Structured Pruning',
		]);
	});
});

describe('a name typed whole', () => {
	it('ranks the paper holding it as typed before one where its last part only begins a word', () => {
		const engine = engineOf([
			// Short titles score higher: only standing together as typed lifts the long one.
			{ title: 'Evo-MARL: Co-Evolutionary Agents' },
			{ title: 'C2-Evo: Co-Evolving Models' },
			{
				title:
					'CO-EVO: Co-evolving Semantic Anchoring and Style Diversification for Federated Person Re-Identification Across Many Cameras',
			},
		]);
		expect(top(engine, 'CO-EVO')[0]).toMatch(/^CO-EVO: /);
		// While typing, what begins with it still comes: the last word may be unfinished.
		expect(top(engine, 'co-evol')).toContain('Evo-MARL: Co-Evolutionary Agents');
	});
});
