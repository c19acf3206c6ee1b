import type { Stats } from 'node:fs';
import { lstat, readlink } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';

/** Linux's own limit on the symbolic links one lookup follows. */
const MAX_LINKS = 40;

/** The symbolic links from `path`, as written in them, until one leads back or to no link: `a.txt → b.txt → a.txt`. */
async function linkChain(path: string): Promise<string> {
	const shown = [basename(path)];
	let at = resolve(path);
	const visited = new Set([at]);
	for (let hop = 0; hop < MAX_LINKS; hop++) {
		const target = await readlink(at).catch(() => undefined);
		if (target === undefined) break;
		shown.push(target);
		at = resolve(dirname(at), target);
		if (visited.has(at)) break;
		visited.add(at);
	}
	return shown.join(' → ');
}

const isLink = (path: string) =>
	lstat(path).then(
		(info) => info.isSymbolicLink(),
		() => false,
	);

/**
 * Why an entry of the papers folder named like a listing cannot be read, when `stat` failed:
 * a loop of symbolic links, a link to nothing, or what the system said.
 */
export async function whyUnreadable(path: string, error: unknown): Promise<string> {
	const { code, message } = error as NodeJS.ErrnoException;
	if (code === 'ELOOP') return `a loop of symbolic links (${await linkChain(path)}); skipped`;
	if (code === 'ENOENT' && (await isLink(path))) return `a symbolic link to nothing (${await linkChain(path)}); skipped`;
	return `cannot read the file: ${message}`;
}

/** Why an entry named like a listing that is no regular file (a folder, a device, a link to either) is not read. */
export async function whyNotAFile(path: string, info: Stats): Promise<string> {
	const what = info.isDirectory() ? 'a folder' : 'not a regular file';
	const link = (await isLink(path)) ? ` (a symbolic link: ${await linkChain(path)})` : '';
	return `${what}${link}, not a listing file; skipped`;
}
