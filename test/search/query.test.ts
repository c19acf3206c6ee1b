import { describe, expect, it } from 'vitest';
import { MAX_QUERY_CHARS, parseQuery } from '../../src/search/query.ts';

describe('parseQuery', () => {
	it('splits words, required phrases and exclusions', () => {
		const query = parseQuery('"preference optimization" robust -survey -"large language"');
		expect(query.words).toEqual(['preference', 'optimization', 'robust']);
		expect(query.phrases).toEqual([['preference', 'optimization']]);
		expect(query.excludedWords).toEqual(['survey']);
		expect(query.excludedPhrases).toEqual([['large', 'language']]);
		expect(query.notes).toEqual([]);
	});

	it('drops stopwords unless nothing else is left', () => {
		expect(parseQuery('the grokking of networks').words).toEqual(['grokking', 'networks']);
		expect(parseQuery('to be or not').words).toEqual(['to', 'be', 'or', 'not']);
	});

	it('treats a hyphenated exclusion as one phrase and an unclosed quote as a phrase to the end', () => {
		expect(parseQuery('models -state-of-the-art').excludedPhrases).toEqual([['state', 'of', 'the', 'art']]);
		expect(parseQuery('"label noise').phrases).toEqual([['label', 'noise']]);
	});

	it('answers absurd input with notes instead of failing', () => {
		expect(parseQuery('').notes).toEqual(['the query has no words to search for']);
		expect(parseQuery('?!.*+[](){}').words).toEqual([]);
		expect(parseQuery('-survey -"large language"').notes).toEqual(['a query of only exclusions matches nothing: add a word to look for']);
		expect(parseQuery('grok\u0000\u0007king\u001b[31m').words).toEqual(['grok', 'king', '31m']);
		const long = parseQuery('word '.repeat(2_000));
		expect(long.text.length).toBeLessThanOrEqual(MAX_QUERY_CHARS);
		expect(long.notes).toContain(`the query was cut to its first ${MAX_QUERY_CHARS} characters`);
		expect(long.words).toEqual(['word']);
	});
});
