import { DATE_LINE, endsComplete, isTitleLike, looksLikeAbstract, mayBeUnpunctuatedSentence, readsAsShortSentence, stripChrome } from './line-kinds.js';
import { cleanText } from './normalize.js';
import type { ParseWarning } from './paper.js';

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
interface ContentLine {
	readonly text: string;
	readonly line: number;
}

function preview(text: string): string {
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
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
		if (rest !== '') content.push({ text: rest, line });
	});

	const isTitleCandidate = (index: number) => {
		const text = content[index]?.text;
		return text !== undefined && isTitleLike(text);
	};
	const isProse = (index: number) => {
		const text = content[index]?.text;
		return text !== undefined && looksLikeAbstract(text);
	};
	// Whether a line is the one-sentence abstract of the title before it, as far as its own words tell.
	const isShortAbstract = (index: number) => {
		const text = content[index]?.text;
		if (text === undefined || isProse(index)) return false;
		return readsAsShortSentence(text) || (index > 0 && mayBeUnpunctuatedSentence(text, content[index - 1]!.text));
	};
	// Whether a line opens an entry depends on the lines after it, so this goes from the end back.
	const starts: boolean[] = new Array<boolean>(content.length + 2).fill(false);
	for (let index = content.length - 1; index >= 0; index--) {
		starts[index] =
			isTitleCandidate(index) &&
			// A title is a short line whose next line is prose, unless that next line is itself
			// a title (titles can read like prose: "Is Model Collapse Inevitable? Breaking ...")
			// that owns the long prose after it.
			((isProse(index + 1) && !(isTitleCandidate(index + 1) && isProse(index + 2) && !isTitleCandidate(index + 2))) ||
				// A one-sentence abstract is too short to tell by itself: it is one where the listing
				// alternates around it, after a title that is no prose, opening no entry of its own,
				// and followed by the next entry or the end.
				(!isProse(index) && isShortAbstract(index + 1) && !starts[index + 1] && (index + 2 === content.length || starts[index + 2]!)));
	}
	const startsEntry = (index: number) => starts[index]!;
	// A title and a one-sentence abstract that the lines around them do not confirm.
	const looksLikePair = (index: number) => isTitleCandidate(index) && !isProse(index) && isShortAbstract(index + 1) && !startsEntry(index + 1);

	const entries: { title: string; abstract: string; line: number }[] = [];
	let skipped = 0;
	for (let index = 0; index < content.length; ) {
		const item = content[index]!;
		if (startsEntry(index)) {
			const entry = { title: item.text, abstract: content[index + 1]!.text, line: item.line };
			if (!isProse(index + 1) && !readsAsShortSentence(entry.abstract)) {
				warn(`read "${preview(entry.abstract)}", a sentence with no full stop, as the abstract of "${preview(entry.title)}"; if it is a title, both papers lost their abstracts`, item.line);
			}
			index += 2;
			// Further prose that starts no entry of its own is another paragraph of this abstract.
			for (; isProse(index) && !startsEntry(index); index++) entry.abstract += `\n\n${content[index]!.text}`;
			entries.push(entry);
			continue;
		}
		const pair = looksLikePair(index);
		// Short lines before the first paper are page header chrome we may not know by name;
		// a sentence there, or a long line, is part of a paper, and worth a word.
		const chrome = entries.length === 0 && isTitleCandidate(index) && !isProse(index) && !pair && !readsAsShortSentence(item.text);
		index += pair ? 2 : 1;
		if (chrome) continue;
		skipped++;
		if (pair) {
			warn(`"${preview(item.text)}" and the short sentence after it read as a title and its abstract, but no entry follows them; skipped`, item.line);
		} else if (isProse(index - 1)) {
			warn(`prose without a title before it ("${preview(item.text)}"); skipped`, item.line);
		} else if (entries.length === 0 && readsAsShortSentence(item.text)) {
			warn(`a sentence without a title before it ("${preview(item.text)}"); skipped`, item.line);
		} else if (!isTitleCandidate(index - 1)) {
			warn(`line of ${item.text.length} characters is neither a title nor an abstract; skipped`, item.line);
		} else if (index === content.length) {
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
		warn(`could not make sense of this listing (${skipped} broken entries, ${entries.length} papers); nothing loaded from it`, undefined, 'error');
		return { file, date, entries: [], warnings, accepted: false };
	}
	return { file, date, entries, warnings, accepted: true };
}
