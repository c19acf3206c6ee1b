import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { AutocompleteInteraction, ChatInputCommandInteraction, SlashCommandSubcommandBuilder } from 'discord.js';
import type { BotContext, SlashCommand } from '../src/bot/types.ts';
import * as about from './paper/about.ts';
import * as digest from './paper/digest.ts';
import * as resume from './paper/resume.ts';
import * as search from './paper/search.ts';
import * as show from './paper/show.ts';
import * as subscribe from './paper/subscribe.ts';
import * as subscriptions from './paper/subscriptions.ts';
import * as unsubscribe from './paper/unsubscribe.ts';

interface Subcommand {
	build(subcommand: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder;
	execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void>;
	autocomplete?(interaction: AutocompleteInteraction, context: BotContext): Promise<void>;
}

const subcommands: Record<string, Subcommand> = { search, show, subscribe, unsubscribe, subscriptions, digest, resume, about };

function subcommandOf(interaction: ChatInputCommandInteraction | AutocompleteInteraction): Subcommand {
	const name = interaction.options.getSubcommand(true);
	const subcommand = subcommands[name];
	if (!subcommand) throw new Error(`unknown /paper subcommand "${name}"`);
	return subcommand;
}

/** `/paper`: every Paperboy action is a subcommand of it, each in its own file under paper/. */
const builder = new SlashCommandBuilder()
	.setName('paper')
	.setDescription('Search research papers')
	.setContexts(InteractionContextType.Guild);
for (const subcommand of Object.values(subcommands)) builder.addSubcommand((sub) => subcommand.build(sub));

export const paperCommand: SlashCommand = {
	data: builder.toJSON(),
	execute: (interaction, context) => subcommandOf(interaction).execute(interaction, context),
	async autocomplete(interaction, context) {
		await subcommandOf(interaction).autocomplete?.(interaction, context);
	},
};
