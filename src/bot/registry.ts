import type { AutocompleteInteraction, ChatInputCommandInteraction, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { COMMAND_GONE } from './render/notice.ts';
import type { SlashCommand, Subcommand } from './types.ts';
import { UserError } from './user-error.ts';

/** Items by their own key (a name, a prefix); two under one key are a mistake in the code, refused at start-up. */
export function byUniqueKey<T>(items: readonly T[], keyOf: (item: T) => string, what: string): ReadonlyMap<string, T> {
	const byKey = new Map<string, T>();
	for (const item of items) {
		const key = keyOf(item);
		if (byKey.has(key)) throw new Error(`${what} "${key}" is registered twice`);
		byKey.set(key, item);
	}
	return byKey;
}

/**
 * A top-level command made of subcommands, each registered and dispatched under the name its
 * own definition gives it. `definition` is the command without options (a SlashCommandBuilder's JSON).
 */
export function commandWithSubcommands(
	definition: RESTPostAPIChatInputApplicationCommandsJSONBody,
	subcommands: readonly Subcommand[],
): SlashCommand {
	const byName = byUniqueKey(subcommands, (subcommand) => subcommand.data.name, `/${definition.name} subcommand`);
	const subcommandOf = (interaction: ChatInputCommandInteraction | AutocompleteInteraction) => {
		const subcommand = byName.get(interaction.options.getSubcommand(true));
		// Discord can offer a subcommand a newer version of the bot no longer has, until it reloads the list.
		if (!subcommand) throw new UserError(COMMAND_GONE);
		return subcommand;
	};
	return {
		data: { ...definition, options: subcommands.map((subcommand) => subcommand.data) },
		execute: (interaction, context) => subcommandOf(interaction).execute(interaction, context),
		async autocomplete(interaction, context) {
			await subcommandOf(interaction).autocomplete?.(interaction, context);
		},
	};
}
