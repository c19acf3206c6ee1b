import { parseArgs } from 'node:util';
import { DEFAULT_INDEX_DIR } from '../config.ts';
import { runCheck } from './check-command.ts';
import { runDoctor } from './doctor-command.ts';
import { runExport, runImport } from './dump-command.ts';
import { UsageError, writeLine, type CliIo } from './io.ts';
import { runMigrate } from './migrate-command.ts';
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
  migrate --from URL --to URL [--force]
      Copies everything Paperboy keeps from one store to another (sqlite://, redis://, postgresql://), with
      the bot stopped, then compares both sides (records and sha256 per namespace). A target that holds
      data, or one a running bot holds, is refused unless --force (which replaces what the target held); a copy
      cut short is finished by running it again.
  export FILE [--storage URL] [--force]
      Writes the store (--storage, else STORAGE_URL) to FILE (- for standard output) as a JSON-lines dump,
      with the bot stopped (--force: even while a bot holds the store's delivery lease).
  import FILE [--storage URL] [--force]
      Fills an empty store with a dump (- for standard input), checked whole before anything is
      written (--force: replaces what the store holds).

--papers-dir defaults to $PAPERS_DIR, then seeds/; --index-dir (where the index is saved, to load
it instead of indexing again) to $INDEX_DIR, then ${DEFAULT_INDEX_DIR}/.`;

const OPTIONS = {
	limit: { type: 'string' },
	json: { type: 'boolean', default: false },
	'papers-dir': { type: 'string' },
	'index-dir': { type: 'string' },
	from: { type: 'string' },
	to: { type: 'string' },
	storage: { type: 'string' },
	force: { type: 'boolean', default: false },
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
			case 'migrate':
				return await runMigrate({ from: values.from, to: values.to, force: values.force }, io);
			case 'export':
				return await runExport(rest, { storage: values.storage, force: values.force }, io);
			case 'import':
				return await runImport(rest, { storage: values.storage, force: values.force }, io);
			default:
				throw new UsageError(`unknown command "${command}"`);
		}
	} catch (error) {
		if (!(error instanceof UsageError) && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') !== true) throw error;
		writeLine(io.stderr, `paperboy: ${(error as Error).message}\n\n${USAGE}`);
		return 2;
	}
}
