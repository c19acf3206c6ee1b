import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PaperLibrary } from '../papers/library.ts';
import { listingFiles, readListing } from '../papers/load-listings.ts';
import type { Finding } from './doctor-command.ts';
import { describeWarning } from './format.ts';

/** Parser warnings listed under the papers line; `check FILE` shows them all. */
const SHOWN_WARNINGS = 5;
const FOLDER_FIX = 'set PAPERS_DIR to the folder holding your listing .txt files';
const CHECK_FIX = 'run `npm run paperboy -- check FILE` to see what the parser makes of a listing, then fix or remove it';

/** Loads the papers folder as the bot would, counting what it finds and what it has to leave out. */
export async function checkPapers(papersDir: string): Promise<Finding> {
	const dir = resolve(papersDir);
	const problem = (message: string, fix = FOLDER_FIX): Finding => ({ check: 'papers', status: 'problem', message, fix });
	let files: string[];
	try {
		if (!(await stat(dir)).isDirectory()) return problem(`${dir} is not a folder`);
		files = await listingFiles(dir);
	} catch (error) {
		if ((error as { code?: string }).code === 'ENOENT') return problem(`folder ${dir} does not exist`);
		return problem(`cannot read folder ${dir}: ${(error as Error).message}`, 'check that this user may read the folder');
	}
	if (files.length === 0) return problem(`no listing files (*.txt) in ${dir}`);

	const library = new PaperLibrary();
	let rejected = 0;
	for (const file of files) {
		const listing = await readListing(file);
		if (!listing.accepted) rejected++;
		library.addListing(listing);
	}
	const { warnings } = library;
	const message = `${dir}: ${files.length} listing files, ${library.size} papers, ${rejected} listings rejected, ${warnings.length} warnings`;
	const details = warnings.slice(0, SHOWN_WARNINGS).map(describeWarning);
	if (warnings.length > SHOWN_WARNINGS) details.push(`… and ${warnings.length - SHOWN_WARNINGS} more`);
	if (library.size === 0) return { ...problem(message, CHECK_FIX), details };
	if (warnings.length === 0) return { check: 'papers', status: 'ok', message };
	return { check: 'papers', status: 'warning', message, fix: CHECK_FIX, details };
}
