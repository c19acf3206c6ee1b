import { pino } from 'pino';
import { ConfigError } from './config.ts';
import { createLogger, serializeError } from './logger.ts';

const CONFIG_FIX = 'set the variables named; .env.example explains each one';
const DOCTOR_FIX = 'run `npm run paperboy -- doctor`: it checks the configuration, the storage and the papers folder, and says what to fix';

/**
 * Says why the bot could not start, and nothing else. Under `NODE_ENV=production` that is one
 * JSON line on stdout, as every other line of its log, so that a log collector reads it like
 * them: level fatal, event `startup_failed`, the message, and a configuration's problems one by
 * one (or the error). Otherwise the readable text, on stderr, for the person at the terminal.
 */
export function reportStartupFailure(error: unknown, env: NodeJS.ProcessEnv): void {
	if (env.NODE_ENV !== 'production') {
		console.error(error instanceof ConfigError ? error.message : `Paperboy could not start: ${serializeError(error).message}`);
		return;
	}
	// Whatever LOG_LEVEL says (it may be what is wrong), and written before the process exits.
	const logger = createLogger('fatal', pino.destination({ dest: 1, sync: true }), env);
	if (error instanceof ConfigError) {
		const problems = error.problems.map(({ variable, message }) => `${variable} ${message}`).join('; ');
		logger.fatal(
			{ event: 'startup_failed', problems: error.problems, fix: CONFIG_FIX },
			`Paperboy cannot start, the configuration has problems: ${problems}`,
		);
	} else {
		logger.fatal({ event: 'startup_failed', err: error, fix: DOCTOR_FIX }, `Paperboy could not start: ${serializeError(error).message}`);
	}
}
