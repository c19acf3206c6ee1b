import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseListing } from '../../src/papers/parse-listing.ts';
import { SEEDS_DIR } from '../helpers.ts';

// Recorded from the parser before it learnt one-sentence abstracts: the seeds' page chrome,
// dates and glued prefixes are what a looser structure rule would most likely misread.
const FIXTURE = new URL('../fixtures/seed-entries.tsv', import.meta.url);

describe('the seed listings', () => {
	it('still give exactly the recorded titles, lines and abstracts', () => {
		const rows: string[] = [];
		for (const name of readdirSync(SEEDS_DIR)
			.filter((n) => n.endsWith('.txt'))
			.sort()) {
			const listing = parseListing(name, readFileSync(join(SEEDS_DIR, name), 'utf8'));
			expect(listing.warnings).toEqual([]);
			for (const entry of listing.entries) {
				const abstract = createHash('sha256').update(entry.abstract).digest('hex').slice(0, 12);
				rows.push([name, entry.line, abstract, entry.title].join('\t'));
			}
		}
		const recorded = readFileSync(FIXTURE, 'utf8').trimEnd().split('\n');
		expect(rows).toHaveLength(750);
		expect(rows).toEqual(recorded);
	});
});
