import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { commandWithSubcommands } from '../src/bot/registry.ts';
import { about } from './paper/about.ts';
import { cite } from './paper/cite.ts';
import { saved } from './paper/saved.ts';
import { search } from './paper/search.ts';
import { show } from './paper/show.ts';
import { similar } from './paper/similar.ts';
import { subscriptions } from './paper/subscriptions.ts';

/** `/paper`: what every member may do, changing nothing but their own reading list; one file per subcommand under paper/. */
export const paperCommand = commandWithSubcommands(
	new SlashCommandBuilder().setName('paper').setDescription('Search research papers').setContexts(InteractionContextType.Guild).toJSON(),
	[search, show, similar, saved, cite, subscriptions, about],
);
