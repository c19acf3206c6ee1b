import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli/main.ts';

/** Runs one CLI invocation in this process, as `npm run paperboy -- …` would, and keeps what it printed. */
export async function runCapturing(
	args: string[],
	options: { input?: string; env?: NodeJS.ProcessEnv; terminal?: boolean } = {},
): Promise<{ code: number; out: string; err: string }> {
	const stdout = new PassThrough();
	const stderr = Object.assign(new PassThrough(), { isTTY: options.terminal ?? false });
	const chunks = { out: '', err: '' };
	stdout.on('data', (chunk) => (chunks.out += chunk));
	stderr.on('data', (chunk) => (chunks.err += chunk));
	const code = await runCli(args, { stdin: Readable.from([options.input ?? '']), stdout, stderr, env: options.env ?? {} });
	return { code, ...chunks };
}
