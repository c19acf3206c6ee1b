import { parseArgs } from 'node:util';
import { DEFAULT_INDEX_DIR } from '../config.ts';
import { runCheck } from './check-command.ts';
import { runDoctor } from './doctor-command.ts';
import { UsageError, writeLine, type CliIo } from './io.ts';
import { runPapers } from './papers-command.ts';
import { runSearch } from './search-command.ts';

export const USAGE = `Usage: npm run paperboy -- <command> [options]

Commands:
  search QUERY [--limit N] [--json] [--papers-dir DIR] [--index-dir DIR]
      Ranked papers for QUERY (words, "quoted phrases" that must appear, -word or -"phrase" to exclude).
      QUERY "-" reads one query per line from standard input and prints one JSON line per query.
  papers [--json] [--papers-dir DIR]
      Every parsed paper (id, title, abstract, listings).
  check FILE...
      What the parser sees in listing files: papers found and warnings. Exit code 1 if a file is rejected.
  doctor [--json]
      Checks the configuration (.env and the environment), storage and papers folder offline. Exit code 1 on a problem.

--papers-dir defaults to $PAPERS_DIR, then seeds/; --index-dir (where the index is saved, to load
it instead of indexing again) to $INDEX_DIR, then ${DEFAULT_INDEX_DIR}/.`;

const OPTIONS = {
	limit: { type: 'string' },
	json: { type: 'boolean', default: false },
	'papers-dir': { type: 'string' },
	'index-dir': { type: 'string' },
	help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Runs one CLI invocation; returns the process exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
	try {
		const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true });
		const [command, ...rest] = positionals;
		if (values.help || command === undefined || command === 'help') {
			writeLine(io.stdout, USAGE);
			return command === undefined && !values.help ? 2 : 0;
		}
		const papersDir = values['papers-dir'] ?? io.env.PAPERS_DIR ?? 'seeds';
		switch (command) {
			case 'search':
				return await runSearch(
					rest,
					{ papersDir, indexDir: values['index-dir'] ?? io.env.INDEX_DIR ?? DEFAULT_INDEX_DIR, json: values.json, limit: values.limit },
					io,
				);
			case 'papers':
				return await runPapers({ papersDir, json: values.json }, io);
			case 'check':
				return await runCheck(rest, io);
			case 'doctor':
				return await runDoctor(rest, { json: values.json }, io);
			default:
				throw new UsageError(`unknown command "${command}"`);
		}
	} catch (error) {
		if (!(error instanceof UsageError) && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') !== true) throw error;
		writeLine(io.stderr, `paperboy: ${(error as Error).message}\n\n${USAGE}`);
		return 2;
	}
}
