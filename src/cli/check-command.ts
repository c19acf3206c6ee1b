import { readListing } from '../papers/load-listings.ts';
import { describeWarning } from './format.ts';
import { UsageError, writeLine, type CliIo } from './io.ts';

/** Reports what the parser sees in each listing file, so a self-hoster can vet one before adding it. */
export async function runCheck(files: readonly string[], io: CliIo): Promise<number> {
	if (files.length === 0) throw new UsageError('check needs at least one FILE');
	let rejected = 0;
	for (const path of files) {
		const listing = await readListing(path);
		const date = listing.date ? `, dated ${listing.date}` : '';
		const verdict = listing.accepted ? `${listing.entries.length} papers${date}` : 'REJECTED, nothing would be loaded';
		writeLine(io.stdout, `${path}: ${verdict}, ${listing.warnings.length} warnings`);
		for (const warning of listing.warnings) writeLine(io.stdout, `  ${describeWarning(warning)}`);
		if (!listing.accepted) rejected++;
	}
	return rejected > 0 ? 1 : 0;
}
