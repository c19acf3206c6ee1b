import { describeListing, type ParseWarning } from '../papers/paper.ts';
import type { SearchResponse } from '../search/search-engine.ts';
import type { SearchResult } from '../search/search-result.ts';

export function describeWarning(warning: ParseWarning): string {
	const where = warning.line === undefined ? warning.file : `${warning.file}:${warning.line}`;
	return `${warning.severity}: ${where}: ${warning.message}`;
}

/** The JSON form of a search, shared by `--json` and the one-line-per-query mode. */
export function searchToJson(input: string, response: SearchResponse) {
	return {
		query: input,
		notes: response.query.notes,
		results: response.results.map(({ paper, score, matches, snippet }) => ({
			id: paper.id,
			title: paper.title,
			score,
			matches,
			snippet: snippet.text,
			listings: paper.listings,
		})),
	};
}

function emphasize(result: SearchResult, bold: boolean): string {
	const { text, highlights } = result.snippet;
	if (!bold) return text;
	let out = '';
	let at = 0;
	for (const [start, end] of highlights) {
		out += `${text.slice(at, start)}\u001b[1m${text.slice(start, end)}\u001b[22m`;
		at = end;
	}
	return out + text.slice(at);
}

/** Human-readable results: rank, title, score, where it was listed, why it matched. */
export function searchToText(response: SearchResponse, bold: boolean): string {
	const lines = response.query.notes.map((note) => `note: ${note}`);
	if (response.results.length === 0) {
		if (response.query.words.length > 0) lines.push('No papers match. Try fewer words, or check the spelling of rare ones.');
		return lines.join('\n');
	}
	response.results.forEach((result, i) => {
		const why = [...new Set(result.matches.map((m) => (m.kind === 'exact' ? m.word : `${m.word}→${m.matched}`)))].join(', ');
		lines.push(`${i + 1}. ${result.paper.title}`);
		lines.push(`   score ${result.score} · matched ${why} · listed in ${result.paper.listings.map(describeListing).join(', ')}`);
		lines.push(`   ${emphasize(result, bold)}`);
	});
	return lines.join('\n');
}
