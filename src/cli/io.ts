import type { Readable, Writable } from 'node:stream';

/** The streams a CLI command talks to, passed in so tests can run commands in-process. */
export interface CliIo {
	readonly stdin: Readable;
	readonly stdout: Writable;
	readonly stderr: Writable;
	readonly env: NodeJS.ProcessEnv;
}

export function writeLine(stream: Writable, line = ''): void {
	stream.write(`${line}\n`);
}

/** A mistake in how the CLI was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}
