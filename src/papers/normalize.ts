import { createHash } from 'node:crypto';

// eslint-disable-next-line no-control-regex -- these are the characters to strip
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f\ufeff\u200b]/g;

/** Canonical text form for display: NFC, no BOM/control characters, collapsed whitespace. */
export function cleanText(text: string): string {
	return text.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/**
 * The identity key of a title: case, accents, punctuation and spacing do not matter,
 * so "Grokking at the Edge" and "grokking at the edge." are the same paper.
 */
export function titleKey(title: string): string {
	return title
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

export function paperIdFor(title: string): string {
	return createHash('sha256').update(titleKey(title)).digest('hex').slice(0, 16);
}
