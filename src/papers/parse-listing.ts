import { DATE_LINE, endsComplete, gluedWordIsName, readsAsShortSentence, stripChrome } from './line-kinds.ts';
import { type ContentLine, ListingLines } from './listing-lines.ts';
import { cleanText } from './normalize.ts';
import type { ParseWarning } from './paper.ts';

// Callers of the parser ask whether the last abstract is whole.
export { endsComplete };

/** A title and its abstract as they stand in one listing file. */
export interface ListingEntry {
	readonly title: string;
	readonly abstract: string;
	/** 1-based line of the title. */
	readonly line: number;
}

export interface ParsedListing {
	readonly file: string;
	readonly date?: string;
	readonly entries: readonly ListingEntry[];
	readonly warnings: readonly ParseWarning[];
	/** False when the file was rejected as a whole; `entries` is then empty. */
	readonly accepted: boolean;
}

/** Longer than any title or abstract: such a line is data we cannot read, not a paper. */
export const MAX_LINE_CHARS = 20_000;

function preview(text: string): string {
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A line's text, with the chrome cut off its front put back when the other line of its entry names the glued word. */
function unglued(line: ContentLine, other: ContentLine): string {
	const named = line.unstripped !== undefined && gluedWordIsName(line.unstripped, line.text, other.unstripped ?? other.text);
	return named ? line.unstripped : line.text;
}

/**
 * Parses the text copy of a paper-listing page. Lines are classified by structure:
 * a title is a short line followed by a prose line (its abstract), or by a single sentence
 * that the next entry follows; prose that directly follows an abstract continues it;
 * everything else is page chrome or a broken entry.
 */
export function parseListing(file: string, text: string): ParsedListing {
	const warnings: ParseWarning[] = [];
	const warn = (message: string, line?: number, severity: ParseWarning['severity'] = 'warning') =>
		warnings.push({ file, line, severity, message });

	let date: string | undefined;
	const content: ContentLine[] = [];
	const rawLines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
	rawLines.forEach((raw, index) => {
		const line = index + 1;
		if (raw.length > MAX_LINE_CHARS) {
			warn(`line is ${raw.length.toLocaleString('en-US')} characters long, too long for a title or an abstract; skipped`, line);
			return;
		}
		const cleaned = cleanText(raw);
		if (cleaned === '') return;
		if (DATE_LINE.test(cleaned)) {
			date ??= cleaned;
			return;
		}
		const rest = stripChrome(cleaned);
		if (rest !== '') content.push(rest === cleaned ? { text: rest, line } : { text: rest, line, unstripped: cleaned });
	});

	const lines = new ListingLines(content);
	const entries: { title: string; abstract: string; line: number }[] = [];
	let skipped = 0;
	const header: ContentLine[] = [];
	for (let index = 0; index < lines.length;) {
		const item = lines.at(index)!;
		if (lines.startsEntry(index)) {
			const next = lines.at(index + 1)!;
			const entry = { title: unglued(item, next), abstract: unglued(next, item), line: item.line };
			if (!lines.isProse(index + 1) && !readsAsShortSentence(entry.abstract)) {
				warn(
					`read "${preview(entry.abstract)}", a sentence with no full stop, as the abstract of "${preview(entry.title)}"; if it is a title, both papers lost their abstracts`,
					item.line,
				);
			}
			index += 2;
			// Further prose that starts no entry of its own is another paragraph of this abstract.
			for (; lines.isProse(index) && !lines.startsEntry(index); index++) entry.abstract += `\n\n${lines.at(index)!.text}`;
			if (entries.length === 0 && header.length > 0) {
				const what = header.length === 1 ? 'a short line' : `${header.length} short lines`;
				warn(
					`skipped ${what} before the first paper as page header, from "${preview(header[0]!.text)}"; any paper among them lacks its abstract`,
					header[0]!.line,
				);
			}
			entries.push(entry);
			continue;
		}
		const pair = lines.looksLikePair(index);
		// Short lines before the first paper are most likely page header chrome we do not know
		// by name, told of once; a sentence there, or a long line, is part of a paper, told of each.
		const chrome =
			entries.length === 0 && lines.isTitleCandidate(index) && !lines.isProse(index) && !pair && !readsAsShortSentence(item.text);
		index += pair ? 2 : 1;
		if (chrome) {
			header.push(item);
			continue;
		}
		skipped++;
		if (pair) {
			warn(
				`"${preview(item.text)}" and the short sentence after it read as a title and its abstract, but no entry follows them; skipped`,
				item.line,
			);
		} else if (lines.isProse(index - 1)) {
			warn(`prose without a title before it ("${preview(item.text)}"); skipped`, item.line);
		} else if (entries.length === 0 && readsAsShortSentence(item.text)) {
			warn(`a sentence without a title before it ("${preview(item.text)}"); skipped`, item.line);
		} else if (!lines.isTitleCandidate(index - 1)) {
			warn(`line of ${item.text.length} characters is neither a title nor an abstract; skipped`, item.line);
		} else if (index === lines.length) {
			warn(`the last entry "${preview(item.text)}" has no abstract (file cut short?); skipped`, item.line);
		} else {
			warn(`"${preview(item.text)}" has no abstract after it; skipped`, item.line);
		}
	}
	const last = entries.at(-1);
	if (last && !endsComplete(last.abstract)) {
		warn(`the abstract of the last entry "${preview(last.title)}" ends mid-sentence (file cut short?)`, last.line);
	}

	if (entries.length === 0) {
		const what = text.trim() === '' ? 'the file is empty' : `no title followed by an abstract in ${rawLines.length} lines`;
		warn(`no papers found: ${what}`, undefined, 'error');
		return { file, date, entries: [], warnings, accepted: false };
	}
	if (skipped > entries.length) {
		warn(
			`could not make sense of this listing (${skipped} broken entries, ${entries.length} papers); nothing loaded from it`,
			undefined,
			'error',
		);
		return { file, date, entries: [], warnings, accepted: false };
	}
	return { file, date, entries, warnings, accepted: true };
}
