import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { compareListings, SNAPSHOT_FILE, stampListings } from '../search/open-index.ts';
import { readSnapshot } from '../search/snapshot.ts';
import type { Finding } from './doctor-command.ts';

/** What the next start will do with the index snapshot: load it, add to it, or rebuild it (and why). */
export async function checkIndex(indexDir: string, papersDir: string): Promise<Finding> {
	const path = resolve(join(indexDir, SNAPSHOT_FILE));
	const snapshot = await readSnapshot(path);
	if ('problem' in snapshot) {
		const missing = (await stat(path).catch(() => undefined)) === undefined;
		if (missing)
			return { check: 'index', status: 'ok', message: `no snapshot at ${path} yet: the next start builds the index and saves it there` };
		return {
			check: 'index',
			status: 'warning',
			message: `${path}: ${snapshot.problem}; the next start rebuilds it`,
			fix: 'nothing to do (deleting the file is always safe)',
		};
	}
	const { manifest, segment } = snapshot;
	const about = `${path}: ${manifest.papers.toLocaleString('en-US')} papers, ${Math.round(segment.layout.byteLength / 2 ** 20)} MB, saved ${manifest.builtAt}`;
	const stamps = await stampListings(resolve(papersDir)).catch(() => undefined);
	if (!stamps) return { check: 'index', status: 'ok', message: `${about} (the papers folder cannot be read, see above)` };
	const { gone, changed } = compareListings(manifest, stamps);
	if (gone.length > 0)
		return {
			check: 'index',
			status: 'ok',
			message: `${about}; ${gone.length} of its listings left the papers folder, so the next start rebuilds it`,
		};
	if (changed.length > 0)
		return {
			check: 'index',
			status: 'ok',
			message: `${about}; the next start loads it and adds ${changed.length} new or changed listings`,
		};
	return { check: 'index', status: 'ok', message: `${about}; it stands for the papers folder: the next start loads it` };
}
