import { describeListing } from '../papers/paper.ts';
import { writeLine, type CliIo } from './io.ts';
import { openLibrary } from './open-library.ts';

export async function runPapers(flags: { papersDir: string; json: boolean }, io: CliIo): Promise<number> {
	const library = await openLibrary(flags.papersDir, io);
	const papers = [...library.all()];
	if (flags.json) {
		writeLine(io.stdout, JSON.stringify(papers, null, 2));
		return 0;
	}
	for (const paper of papers) writeLine(io.stdout, `${paper.id}  ${paper.title}  [${paper.listings.map(describeListing).join(', ')}]`);
	writeLine(io.stdout, `${papers.length} papers`);
	return 0;
}
