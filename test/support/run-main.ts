import { spawn } from 'node:child_process';
import { once } from 'node:events';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Runs an entry file the way its npm script does (`src/main.ts` for `npm start`), with only the given environment. */
export function runMain(env: Record<string, string>, entry = 'src/main.ts') {
	const child = spawn(process.execPath, [entry], {
		cwd: ROOT,
		env: { PATH: process.env.PATH!, STORAGE_URL: 'memory://', ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const output = { stdout: '', stderr: '' };
	child.stdout.on('data', (chunk) => (output.stdout += chunk));
	child.stderr.on('data', (chunk) => (output.stderr += chunk));
	return { child, output, exited: once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]> };
}

/** The log lines (JSON) written so far; a line still being written is skipped. */
export function logLines(stdout: string): Record<string, unknown>[] {
	return stdout.split('\n').flatMap((line) => {
		try {
			return [JSON.parse(line) as Record<string, unknown>];
		} catch {
			return [];
		}
	});
}
