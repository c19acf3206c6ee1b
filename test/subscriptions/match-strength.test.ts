import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachWord } from '../../src/search/tokenize.ts';
import { TopicMatcher, topicStrength } from '../../src/subscriptions/topic-matcher.ts';
import { parseTopic, type Topic } from '../../src/subscriptions/topic.ts';

const paper = (title: string, abstract: string) => ({ title, abstract });
const words = (text: string) => {
	const found: string[] = [];
	forEachWord(text, (term) => found.push(term));
	return found;
};
const hasRun = (sequence: readonly string[], run: readonly string[]) =>
	sequence.some((_, i) => run.every((term, offset) => sequence[i + offset] === term));

/** The model: each required word and phrase counts 2 when the title has it and 1 when the abstract does. */
function modelStrength(topic: Topic, text: { title: string; abstract: string }): number {
	const [title, abstract] = [words(text.title), words(text.abstract)];
	const presence = (has: (part: readonly string[]) => boolean) => (has(title) ? 2 : 0) + (has(abstract) ? 1 : 0);
	return (
		topic.words.reduce((sum, forms) => sum + presence((part) => forms.some((form) => part.includes(form))), 0) +
		topic.phrases.reduce((sum, phrase) => sum + presence((part) => hasRun(part, phrase)), 0)
	);
}

describe('how strongly a topic matches', () => {
	it('weighs a word in the title over one in the abstract, and a quoted phrase on top of its words', () => {
		const topic = parseTopic('grokking');
		expect(topicStrength(topic, paper('Grokking explained', 'Why grokking happens.'))).toBe(3);
		expect(topicStrength(topic, paper('Grokking explained', 'Why it happens.'))).toBe(2);
		expect(topicStrength(topic, paper('Generalization late', 'Grokking, seen again.'))).toBe(1);
		expect(topicStrength(topic, paper('Generalization late', 'Nothing of the kind.'))).toBeUndefined();
		// Two words and their phrase, all in the title: 2 + 2 + 2.
		expect(topicStrength(parseTopic('"preference optimization"'), paper('Preference Optimization', 'Models.'))).toBe(6);
		// The phrase only in the abstract, its words split in the title: 3 + 3 + 1.
		expect(topicStrength(parseTopic('"preference optimization"'), paper('Optimization of Preference', 'Preference optimization.'))).toBe(7);
	});

	it('gives each channel the sum over its topics that caught a paper, as the model scores them', () => {
		const vocabulary = ['grokking', 'memorization', 'transformer', 'transformers', 'survey', 'of', 'circuits'];
		const text = fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 8 }).map((terms) => terms.join(' '));
		const topics = ['grokking', 'grokking memorization', '"grokking memorization"', 'transformer -survey', 'circuits transformer'].map(
			(written) => parseTopic(written),
		);
		fc.assert(
			fc.property(
				fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 5 }),
				fc.subarray(topics, { minLength: 1 }),
				(texts, followed) => {
					const papers = texts.map(([title, abstract]) => paper(title, abstract));
					const matcher = new TopicMatcher();
					matcher.setChannel('c1', followed);
					// The topics of one paper come in the matcher's order, not the channel's.
					const found = (matcher.matchChannels(papers).get('c1') ?? []).map((match) => ({ ...match, topics: match.topics.toSorted() }));
					const expected = papers.flatMap((one) => {
						const catching = followed.filter((topic) => topicStrength(topic, one) !== undefined);
						if (catching.length === 0) return [];
						return [
							{
								paper: one,
								topics: catching.map((topic) => topic.text).toSorted(),
								strength: catching.reduce((sum, topic) => sum + modelStrength(topic, one), 0),
							},
						];
					});
					expect(found).toEqual(expected);
				},
			),
			{ numRuns: 300 },
		);
	});
});
