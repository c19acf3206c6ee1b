import { createLogger, type Logger } from '../../../src/logger.ts';

export interface LogLine {
	readonly level: number;
	readonly event: string;
	readonly msg: string;
	readonly [field: string]: unknown;
}

const WARN = 40;

/** The real logger, writing its JSON lines into memory. */
export function recordingLogger(): { logger: Logger; lines: LogLine[]; warnings: (event?: string) => LogLine[] } {
	const lines: LogLine[] = [];
	const logger = createLogger('debug', { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
	/** The warnings, or those of one event. */
	const warnings = (event?: string) => lines.filter((line) => line.level === WARN && (event === undefined || line.event === event));
	return { logger, lines, warnings };
}
