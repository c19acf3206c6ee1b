import type { DigestMode } from '../../subscriptions/subscriptions.ts';

const at = (hour: number) => `${String(hour).padStart(2, '0')}:00 UTC`;
const capitalized = (word: string) => `${word[0]!.toUpperCase()}${word.slice(1)}`;

/** How a channel gets its papers, as a phrase: "one digest a week, on Mondays at 08:00 UTC". */
export function describeDigestMode(digest: DigestMode): string {
	if (digest.mode === 'daily') return `one digest a day at ${at(digest.hour)}`;
	if (digest.mode === 'weekly') return `one digest a week, on ${capitalized(digest.day)}s at ${at(digest.hour)}`;
	return 'each paper as it arrives';
}
