import { ComponentType, type APIActionRowComponent, type APIStringSelectComponent } from 'discord.js';
import type { Paper } from '../../papers/paper.ts';
import { fit, LIMITS } from './text.ts';

/** Discord's limit on a select menu's options. */
const MAX_OPTIONS = 25;

/**
 * A menu of papers labelled by their titles (numbered from `firstNumber` when given), each
 * option's value the paper's id: the Save, Remove and "Similar to…" controls. `multiple` lets
 * the member pick several at once.
 */
export function paperMenuRow(
	customId: string,
	placeholder: string,
	papers: readonly Pick<Paper, 'id' | 'title'>[],
	{ firstNumber, multiple = false }: { firstNumber?: number; multiple?: boolean } = {},
): APIActionRowComponent<APIStringSelectComponent> {
	const shown = papers.slice(0, MAX_OPTIONS);
	const label = (title: string, i: number) => (firstNumber === undefined ? title : `${firstNumber + i}. ${title}`);
	return {
		type: ComponentType.ActionRow,
		components: [
			{
				type: ComponentType.StringSelect,
				custom_id: customId,
				placeholder,
				...(multiple ? { min_values: 1, max_values: shown.length } : {}),
				options: shown.map((paper, i) => ({ label: fit(label(paper.title, i), LIMITS.selectLabel, { markdown: false }), value: paper.id })),
			},
		],
	};
}
