import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { abstractAbout } from '../helpers.ts';

/** A listing page in the seeds' format: a date line, then each title followed by its abstract. */
export function listing(date: string, titles: readonly { title: string; about: string }[]): string {
	return [date, ...titles.flatMap(({ title, about }) => [title, abstractAbout(about)])].join('\n');
}

/** Writes a listing the safe way a self-hoster is told to: to a temporary name, then renamed. */
export function dropListing(dir: string, name: string, text: string): void {
	const temporary = join(dir, `.${name}.partial`);
	writeFileSync(temporary, text);
	renameSync(temporary, join(dir, name));
}
