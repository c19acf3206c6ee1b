import { createLogger, type Logger } from '../../../src/logger.ts';

export interface LogLine {
	readonly level: number;
	readonly msg: string;
	readonly [field: string]: unknown;
}

const WARN = 40;

/** The real logger, writing its JSON lines into memory. */
export function recordingLogger(): { logger: Logger; lines: LogLine[]; warnings: (msg?: RegExp) => LogLine[] } {
	const lines: LogLine[] = [];
	const logger = createLogger('debug', { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
	const warnings = (msg = /./) => lines.filter((line) => line.level === WARN && msg.test(line.msg));
	return { logger, lines, warnings };
}
