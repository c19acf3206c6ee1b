import { describe, expect, it } from 'vitest';
import { TopicMatcher } from '../../src/subscriptions/topic-matcher.ts';
import { TopicRefusedError } from '../../src/subscriptions/topic-refusal.ts';
import { parseTopic } from '../../src/subscriptions/topic.ts';

const paper = (title: string, abstract: string) => ({ title, abstract });
const survey = paper('A Survey of Preference Optimization', 'We review preference optimization methods for language models.');
const dpo = paper('Direct Preference Optimization Revisited', 'Preference optimization without a reward model, with transformers.');
const split = paper('Optimization of Preference', 'Preference data helps. Optimization is hard.');

describe('topics', () => {
	it('normalizes so the same topic written differently is recognised', () => {
		expect(parseTopic('Continual  Learning').key).toBe(parseTopic('learning CONTINUAL').key);
		expect(parseTopic('"preference optimization" -survey').key).not.toBe(parseTopic('preference optimization').key);
	});

	it('refuses topics that cannot work, saying why', () => {
		const refusal = (text: string) => {
			try {
				parseTopic(text);
			} catch (error) {
				return error instanceof TopicRefusedError ? error.refusal : error;
			}
		};
		expect(refusal('x'.repeat(101))).toEqual({ code: 'topic_too_long', limit: 100, length: 101 });
		expect(refusal('-survey')).toEqual({ code: 'topic_without_words' });
		expect(() => parseTopic('the of and')).not.toThrow();
	});

	it('matches every word, quoted phrases as written, and never an exclusion', () => {
		const matcher = new TopicMatcher();
		matcher.setChannel('c1', [parseTopic('"preference optimization" -survey')]);
		matcher.setChannel('c2', [parseTopic('preference optimization'), parseTopic('transformer')]);
		expect(matcher.match(survey)).toEqual(new Map([['c2', ['preference optimization']]]));
		expect(matcher.match(dpo)).toEqual(
			new Map([
				['c1', ['"preference optimization" -survey']],
				['c2', ['preference optimization', 'transformer']],
			]),
		);
		expect(matcher.match(split).has('c1')).toBe(false);
		expect(matcher.match(split).has('c2')).toBe(true);
	});

	it('excludes plurals of an excluded word and takes the corrections search would make', () => {
		const matcher = new TopicMatcher();
		matcher.setChannel('c1', [parseTopic('preference -surveys')]);
		matcher.setChannel('c2', [
			parseTopic('preferense', (word) => (word === 'preferense' ? { corrections: ['preference'], papers: 0 } : undefined)),
		]);
		expect(matcher.match(survey).has('c1')).toBe(false);
		expect(matcher.match(dpo).has('c1')).toBe(true);
		expect(matcher.match(dpo).has('c2')).toBe(true);
	});

	it('forgets a channel and replaces what it follows', () => {
		const matcher = new TopicMatcher();
		matcher.setChannel('c1', [parseTopic('preference')]);
		matcher.setChannel('c1', [parseTopic('diffusion')]);
		expect(matcher.match(dpo).size).toBe(0);
		matcher.setChannel('c1', [parseTopic('preference')]);
		matcher.removeChannel('c1');
		expect(matcher.match(dpo).size).toBe(0);
		expect(matcher.channels).toBe(0);
	});
});
