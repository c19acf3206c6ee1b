import { afterEach, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/papers/paper.ts';
import { MAX_SAVED_PAPERS, ReadingLists } from '../../src/reading-lists/reading-lists.ts';
import { openStorage, type Storage } from '../../src/storage/storage.ts';

const paper = (n: number): Paper => ({
	id: `p${n}`,
	title: `Paper number ${n}`,
	abstract: 'A long abstract that a reading list has no need to keep.',
	listings: [{ file: 'listing.txt' }],
});
const ids = (papers: readonly { id: string }[]) => papers.map((saved) => saved.id);

let storage: Storage;
afterEach(async () => {
	await storage?.close();
});
async function readingLists(): Promise<ReadingLists> {
	storage = await openStorage('memory://');
	return new ReadingLists(storage);
}

describe('reading lists', () => {
	it('saves a paper once: saving it again is acknowledged, not duplicated', async () => {
		const lists = await readingLists();
		expect(await lists.save('u1', [paper(1)])).toMatchObject({ saved: [{ id: 'p1' }], alreadySaved: [], total: 1 });
		expect(await lists.save('u1', [paper(1), paper(2)])).toMatchObject({ saved: [{ id: 'p2' }], alreadySaved: [{ id: 'p1' }], total: 2 });
		expect(ids(await lists.list('u1'))).toEqual(['p2', 'p1']);
		expect((await lists.list('u1'))[0]).not.toHaveProperty('abstract');
	});

	it('keeps each member’s list to themselves', async () => {
		const lists = await readingLists();
		await lists.save('u1', [paper(1)]);
		await lists.save('u2', [paper(2)]);
		expect(ids(await lists.list('u1'))).toEqual(['p1']);
		expect(ids(await lists.list('u2'))).toEqual(['p2']);
	});

	it(`holds at most ${MAX_SAVED_PAPERS} papers and says which did not fit`, async () => {
		const lists = await readingLists();
		const many = Array.from({ length: MAX_SAVED_PAPERS - 1 }, (_, i) => paper(i));
		await lists.save('u1', many);
		const outcome = await lists.save('u1', [paper(1000), paper(1001), paper(3)]);
		expect(outcome).toMatchObject({ saved: [{ id: 'p1000' }], refused: [{ id: 'p1001' }], alreadySaved: [{ id: 'p3' }] });
		expect(outcome.total).toBe(MAX_SAVED_PAPERS);
		expect(await lists.list('u1')).toHaveLength(MAX_SAVED_PAPERS);
	});

	it('pages the list, newest first, showing the last page when asked for one past the end', async () => {
		const lists = await readingLists();
		for (let n = 1; n <= 7; n++) await lists.save('u1', [paper(n)]);
		expect(await lists.page('u1', 0, 5)).toMatchObject({ index: 0, total: 7 });
		expect(ids((await lists.page('u1', 0, 5)).papers)).toEqual(['p7', 'p6', 'p5', 'p4', 'p3']);
		expect(ids((await lists.page('u1', 1, 5)).papers)).toEqual(['p2', 'p1']);
		expect(await lists.page('u1', 9, 5)).toMatchObject({ index: 1, total: 7 });
		expect(await lists.page('u1', Number('x'), 5)).toMatchObject({ index: 0, total: 7 });
		expect(await lists.page('nobody', 0, 5)).toEqual({ papers: [], index: 0, total: 0 });
	});

	it('removes papers, returning those that were on the list', async () => {
		const lists = await readingLists();
		await lists.save('u1', [paper(1), paper(2)]);
		expect(ids(await lists.remove('u1', ['p1', 'p9']))).toEqual(['p1']);
		expect(ids(await lists.list('u1'))).toEqual(['p2']);
		await lists.remove('u1', ['p2']);
		expect(await lists.list('u1')).toEqual([]);
	});

	it('loses no paper when one member saves many at once', async () => {
		const lists = await readingLists();
		await Promise.all(Array.from({ length: 30 }, (_, n) => lists.save('u1', [paper(n)])));
		expect(await lists.list('u1')).toHaveLength(30);
	});
});
