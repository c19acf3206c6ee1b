import { MessageFlags, type InteractionReplyOptions } from 'discord.js';
import { bibtexEntry, bibtexFile, bibtexKey, type CitedPaper } from '../../papers/bibtex.ts';
import { markdownReadingList } from '../../reading-lists/markdown-export.ts';
import { NO_MENTIONS } from './style.ts';
import { fit, inlineCode, LIMITS } from './text.ts';

export const EXPORT_FORMATS = { bibtex: { extension: 'bib', label: 'BibTeX' }, markdown: { extension: 'md', label: 'Markdown' } } as const;
export type ExportFormat = keyof typeof EXPORT_FORMATS;

type PrivateReply = InteractionReplyOptions & { flags: MessageFlags.Ephemeral };

function file(name: string, text: string) {
	return { attachment: Buffer.from(text, 'utf8'), name };
}

/**
 * One paper's BibTeX entry, for the member alone, in a code block to copy. Code shows text as
 * written, so nothing in it is escaped; an entry that would end the block early (three
 * backticks) or not fit a message comes as a .bib file instead.
 */
export function renderCitation(paper: CitedPaper): PrivateReply {
	const entry = bibtexEntry(paper);
	const block = `\`\`\`bibtex\n${entry}\n\`\`\``;
	const intro = `BibTeX for “${fit(paper.title, 200)}”:`;
	if (!entry.includes('```') && intro.length + block.length + 1 <= LIMITS.content)
		return { content: `${intro}\n${block}`, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS };
	return {
		content: `BibTeX for “${fit(paper.title, 200)}”, as a file (${inlineCode(bibtexKey(paper))}):`,
		files: [file(`${bibtexKey(paper)}.bib`, `${entry}\n`)],
		flags: MessageFlags.Ephemeral,
		allowedMentions: NO_MENTIONS,
	};
}

/** A reading list as a file to download, for the member alone. */
export function renderExport(format: ExportFormat, papers: readonly CitedPaper[]): PrivateReply {
	const { extension, label } = EXPORT_FORMATS[format];
	const text = format === 'bibtex' ? bibtexFile(papers) : markdownReadingList(papers);
	return {
		content: `Your reading list, ${papers.length} ${papers.length === 1 ? 'paper' : 'papers'}, as ${label}.`,
		files: [file(`reading-list.${extension}`, text)],
		flags: MessageFlags.Ephemeral,
		allowedMentions: NO_MENTIONS,
	};
}
