import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FEEDS } from '../../src/sources/feeds.ts';
import { SourceFormatError } from '../../src/sources/http/parsed-feed.ts';

// What every row of the feed table owes the rest: its own tests cover what its parser reads.
const envExample = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');

it('gives each feed its own name (its papers remember it) and its own variable', () => {
	expect(new Set(FEEDS.map((feed) => feed.name)).size).toBe(FEEDS.length);
	expect(new Set(FEEDS.map((feed) => feed.envVar)).size).toBe(FEEDS.length);
});

describe.each(FEEDS)('the $name feed', (feed) => {
	it('is documented in .env.example', () => {
		expect(envExample).toMatch(new RegExp(`^${feed.envVar}=`, 'm'));
	});

	it('refuses an answer that is not a feed at all with a SourceFormatError, as the table promises', () => {
		for (const body of ['', '<!DOCTYPE html><html><body>502 Bad Gateway</body></html>'])
			expect(() => feed.parse(body)).toThrow(SourceFormatError);
	});
});
