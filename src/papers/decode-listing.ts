import type { ParseWarning } from './paper.ts';

/** A listing's text, with a warning when it had to be guessed at; or why it is no text at all. */
export type DecodedListing = { readonly text: string; readonly warning?: ParseWarning } | { readonly problem: string };

const SAMPLE_BYTES = 64 * 1024;
const EXPECTED = 'a listing is text: UTF-8, UTF-16 or Windows-1252';

/** Files mistaken for listings most often, by their first bytes; each says what to do instead. */
const KNOWN_FORMATS: readonly { readonly magic: readonly number[]; readonly what: string }[] = [
	{ magic: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF document, not a text listing: save the page as text' },
	{ magic: [0x1f, 0x8b], what: 'gzip data in a file named .txt: name it .txt.gz' },
	{ magic: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (or a .docx or .odt document), not a text listing: save the page as text' },
	{ magic: [0xff, 0xfe, 0x00, 0x00], what: 'UTF-32LE text (its byte-order mark says so), which is not read: save it as UTF-8' },
	{ magic: [0x00, 0x00, 0xfe, 0xff], what: 'UTF-32BE text (its byte-order mark says so), which is not read: save it as UTF-8' },
];

/** The UTF-16 a byte-order mark names. */
function utf16ByMark(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
	return bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
}

/**
 * The UTF-16 of text saved without a byte-order mark (as `iconv -t UTF-16LE` does): a listing is
 * mostly Latin script, whose every other byte is zero, on one side of each pair only. Binary
 * data has its zeros anywhere; a sample too short to tell is not guessed at.
 */
function utf16ByZeros(sample: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
	if (sample.length < 64) return undefined;
	const zeros = [0, 0];
	sample.forEach((byte, i) => byte === 0 && zeros[i % 2]!++);
	const [even, odd] = zeros as [number, number];
	const half = sample.length / 2;
	if (odd > 0.4 * half && even === 0) return 'utf-16le';
	return even > 0.4 * half && odd === 0 ? 'utf-16be' : undefined;
}

/** Whether text holds control characters no listing does (tabs, line and page breaks aside): binary data read as text. */
function holdsControls(text: string): boolean {
	for (let i = 0; i < Math.min(text.length, SAMPLE_BYTES); i++) {
		const code = text.charCodeAt(i);
		if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) return true;
	}
	return false;
}

function decodeUtf16(file: string, bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', how: string): DecodedListing {
	const name = encoding.toUpperCase();
	try {
		const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
		return how ? { text, warning: { file, severity: 'warning', message: `${how}; read as ${name}` } } : { text };
	} catch {
		// Most likely cut short mid-character: the rest is worth reading.
		const text = new TextDecoder(encoding).decode(bytes);
		return { text, warning: { file, severity: 'warning', message: `not valid ${name}; unreadable characters replaced` } };
	}
}

/**
 * Decodes a listing's bytes: UTF-16 when a byte-order mark (or, failing one, the pattern of its
 * zero bytes) says so, else UTF-8. Binary data is refused, naming the format when it is a known
 * one; text that is not UTF-8 is most likely a Windows-1252 export and is read as such, with a
 * warning, rather than dropped.
 */
export function decodeListing(file: string, bytes: Uint8Array): DecodedListing {
	const known = KNOWN_FORMATS.find(({ magic }) => magic.every((byte, i) => bytes[i] === byte));
	if (known) return { problem: known.what };
	// UTF-16 is full of zero bytes, so its byte-order mark must be heeded before they are.
	const marked = utf16ByMark(bytes);
	if (marked) return decodeUtf16(file, bytes, marked, '');
	const sample = bytes.subarray(0, SAMPLE_BYTES);
	if (sample.includes(0)) {
		const guessed = utf16ByZeros(sample);
		const decoded = guessed && decodeUtf16(file, bytes, guessed, 'no byte-order mark, but its zero bytes are those of UTF-16');
		if (decoded && 'text' in decoded && !holdsControls(decoded.text)) return decoded;
		return { problem: `binary data, not a text listing (${EXPECTED})` };
	}
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
	} catch {
		const text = new TextDecoder('windows-1252').decode(bytes);
		return { text, warning: { file, severity: 'warning', message: 'not valid UTF-8; read as Windows-1252' } };
	}
}
