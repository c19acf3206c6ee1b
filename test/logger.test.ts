import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../', import.meta.url).pathname;
const LOG_LINE = `import { createLogger } from './src/logger.ts'; createLogger('info').info({ discordToken: 'SECRET-TOKEN', papers: 3 }, 'Paperboy is ready');`;

/** Runs the logger in a child whose stdout is a terminal (through script(1)) or a pipe. */
function logOnce(env: Record<string, string>, terminal: boolean): string {
	const node = `${process.execPath} --input-type=module -e "${LOG_LINE}"`;
	const options = { cwd: ROOT, env: { PATH: process.env.PATH!, ...env }, encoding: 'utf8' as const };
	return terminal ? execFileSync('script', ['-qec', node, '/dev/null'], options) : execFileSync('sh', ['-c', node], options);
}

describe('logging', () => {
	it('writes readable lines to a terminal outside production, JSON otherwise, the token redacted in both', () => {
		const readable = logOnce({}, true);
		expect(readable).toMatch(/INFO.*Paperboy is ready/);
		expect(readable).not.toContain('{"level"');
		const production = logOnce({ NODE_ENV: 'production' }, true);
		expect(JSON.parse(production.trim().split('\n').at(-1)!)).toMatchObject({
			msg: 'Paperboy is ready',
			papers: 3,
			discordToken: '[redacted]',
		});
		expect(JSON.parse(logOnce({}, false).trim())).toMatchObject({ msg: 'Paperboy is ready' });
		for (const output of [readable, production]) expect(output).not.toContain('SECRET-TOKEN');
	});
});
