import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { ConfigError, DEFAULT_INDEX_DIR, DEFAULT_STORAGE_URL, loadConfig, type Config, type ConfigProblem } from '../config.ts';
import { checkIndex } from './doctor-index.ts';
import { checkPapers } from './doctor-papers.ts';
import { checkFeeds, checkMetrics, checkSharding } from './doctor-settings.ts';
import { checkStorage } from './doctor-storage.ts';
import { UsageError, writeLine, type CliIo } from './io.ts';

export type Status = 'ok' | 'warning' | 'problem';

/** One line of the report; `details` are printed indented under it. */
export interface Finding {
	readonly check: string;
	readonly status: Status;
	readonly message: string;
	readonly fix?: string;
	readonly details?: readonly string[];
}

const MARKS: Record<Status, string> = { ok: '✓', warning: '⚠', problem: '✗' };
const PLACEHOLDER_TOKEN = `${'x'.repeat(24)}.${'x'.repeat(6)}.${'x'.repeat(27)}`;
const TOKEN_FIX = 'copy the token again from https://discord.com/developers/applications > your application > Bot';
const CONFIG_FIXES: Record<ConfigProblem['valueKind'], string> = {
	unset: 'set it in .env or the environment; .env.example explains every variable',
	invalid: 'fix it in .env or the environment; .env.example explains every variable',
	conflict: 'make them agree in .env or the environment; .env.example explains every variable',
};

/** The environment the bot would see: as in src/main.ts, `.env` fills in only what the real environment leaves unset. */
export function botEnvironment(io: CliIo): { env: NodeJS.ProcessEnv; finding: Finding } {
	const env = { ...io.env };
	const path = resolve('.env');
	if (!existsSync(path))
		return { env, finding: { check: 'environment', status: 'ok', message: `no .env in ${process.cwd()}: the real environment only` } };
	const { error } = loadDotenv({ path, processEnv: env, quiet: true });
	if (error)
		return {
			env,
			finding: {
				check: 'environment',
				status: 'problem',
				message: `${path} cannot be read: ${error.message}`,
				fix: 'check that this user may read it',
			},
		};
	return { env, finding: { check: 'environment', status: 'ok', message: `${path}, under the real environment (which wins)` } };
}

/** A variable as loadConfig sees it: an empty value means unset. */
function variable(env: NodeJS.ProcessEnv, name: string): string | undefined {
	return env[name]?.trim() || undefined;
}

/**
 * Validates everything but the token, replaced by a well-shaped placeholder: the token check judges it,
 * and a bad token would otherwise hide the checks loadConfig runs once the variables parse (SHARD_COUNT).
 */
function checkConfig(env: NodeJS.ProcessEnv): { config?: Config; findings: Finding[] } {
	try {
		const config = loadConfig({ ...env, DISCORD_TOKEN: PLACEHOLDER_TOKEN });
		return { config, findings: [{ check: 'configuration', status: 'ok', message: 'every variable is valid' }] };
	} catch (error) {
		if (!(error instanceof ConfigError)) throw error;
		return {
			findings: error.problems.map(({ variable, valueKind, message }) => ({
				check: 'configuration',
				status: 'problem',
				message: `${variable} ${message}`,
				fix: CONFIG_FIXES[valueKind],
			})),
		};
	}
}

/** Judged by loadConfig's own rule, so doctor and the bot never disagree; the value is never shown. */
function checkToken(env: NodeJS.ProcessEnv): Finding {
	const token = variable(env, 'DISCORD_TOKEN');
	if (token === undefined) return { check: 'token', status: 'problem', message: 'DISCORD_TOKEN is not set', fix: TOKEN_FIX };
	try {
		loadConfig({ DISCORD_TOKEN: token });
	} catch (error) {
		if (!(error instanceof ConfigError) || !error.problems.some((problem) => problem.variable === 'DISCORD_TOKEN')) throw error;
		return {
			check: 'token',
			status: 'problem',
			message: 'DISCORD_TOKEN does not have the shape of a bot token (three parts separated by dots)',
			fix: TOKEN_FIX,
		};
	}
	return {
		check: 'token',
		status: 'ok',
		message: 'DISCORD_TOKEN has the shape of a bot token; not checked against Discord: start the bot to verify it',
	};
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function printReport(findings: readonly Finding[], io: CliIo): void {
	for (const { check, status, message, fix, details } of findings) {
		writeLine(io.stdout, `${MARKS[status]} ${check}: ${message}${fix ? ` — ${fix}` : ''}`);
		for (const detail of details ?? []) writeLine(io.stdout, `    ${detail}`);
	}
	const count = (status: Status) => findings.filter((finding) => finding.status === status).length;
	const [problems, warnings] = [plural(count('problem'), 'problem'), plural(count('warning'), 'warning')];
	if (count('problem') > 0) writeLine(io.stdout, `\n${problems}, ${warnings}: fix the problems above, then run doctor again.`);
	else writeLine(io.stdout, `\nReady to start${count('warning') > 0 ? `, with ${warnings}` : ''}.`);
}

/**
 * Checks what the bot needs before it starts, offline: configuration, token shape, storage,
 * papers folder, index snapshot, feeds, sharding and the metrics port. Exit code 1 when any check finds a problem.
 */
export async function runDoctor(args: readonly string[], flags: { json: boolean }, io: CliIo): Promise<number> {
	if (args.length > 0) throw new UsageError('doctor takes no arguments');
	const { env, finding } = botEnvironment(io);
	const { config, findings } = checkConfig(env);
	findings.unshift(finding);
	findings.push(checkToken(env));
	// Storage and papers are checked even when the configuration is invalid, from the raw variables.
	findings.push(await checkStorage(config?.storageUrl ?? variable(env, 'STORAGE_URL') ?? DEFAULT_STORAGE_URL));
	const papersDir = config?.papersDir ?? variable(env, 'PAPERS_DIR') ?? 'seeds';
	findings.push(await checkPapers(papersDir));
	findings.push(await checkIndex(config?.indexDir ?? variable(env, 'INDEX_DIR') ?? DEFAULT_INDEX_DIR, papersDir));
	// Feeds and sharding only describe a valid configuration; their bad values are listed above.
	if (config) findings.push(checkFeeds(config), checkSharding(config), await checkMetrics(config));
	if (flags.json) writeLine(io.stdout, JSON.stringify(findings, null, 2));
	else printReport(findings, io);
	return findings.some((finding) => finding.status === 'problem') ? 1 : 0;
}
