import { createInterface } from 'node:readline';
import { MAX_LIMIT, type SearchEngine } from '../search/search-engine.ts';
import { searchToJson, searchToText } from './format.ts';
import { UsageError, writeLine, type CliIo } from './io.ts';
import { openSearchEngine } from './open-library.ts';

interface SearchFlags {
	readonly papersDir: string;
	readonly indexDir: string;
	readonly json: boolean;
	readonly limit: string | undefined;
}

function parseLimit(limit: string | undefined): number {
	if (limit === undefined) return 10;
	const value = Number(limit);
	if (!Number.isInteger(value) || value < 1 || value > MAX_LIMIT)
		throw new UsageError(`--limit must be a whole number from 1 to ${MAX_LIMIT}`);
	return value;
}

/** Answers each line of standard input as one query, one JSON line each, for scripts and evaluations. */
async function searchLines(engine: SearchEngine, limit: number, io: CliIo): Promise<void> {
	for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
		writeLine(io.stdout, JSON.stringify(searchToJson(line, engine.search(line, { limit, completeLastWord: false }))));
	}
}

export async function runSearch(args: readonly string[], flags: SearchFlags, io: CliIo): Promise<number> {
	if (args.length !== 1) throw new UsageError('search takes exactly one QUERY (quote it), or "-" to read queries from standard input');
	const query = args[0]!;
	const limit = parseLimit(flags.limit);
	const engine = await openSearchEngine(flags.papersDir, flags.indexDir, io);
	if (query === '-') {
		await searchLines(engine, limit, io);
		return 0;
	}
	const response = engine.search(query, { limit, completeLastWord: false });
	if (flags.json) writeLine(io.stdout, JSON.stringify(searchToJson(query, response), null, 2));
	else writeLine(io.stdout, searchToText(response, (io.stdout as { isTTY?: boolean }).isTTY === true));
	return 0;
}
