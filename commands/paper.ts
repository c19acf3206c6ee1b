import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { commandWithSubcommands } from '../src/bot/registry.ts';
import { about } from './paper/about.ts';
import { digest } from './paper/digest.ts';
import { resume } from './paper/resume.ts';
import { search } from './paper/search.ts';
import { show } from './paper/show.ts';
import { subscribe } from './paper/subscribe.ts';
import { subscriptions } from './paper/subscriptions.ts';
import { unsubscribe } from './paper/unsubscribe.ts';

/** `/paper`: every Paperboy action is a subcommand of it, each in its own file under paper/. */
export const paperCommand = commandWithSubcommands(
	new SlashCommandBuilder().setName('paper').setDescription('Search research papers').setContexts(InteractionContextType.Guild).toJSON(),
	[search, show, subscribe, unsubscribe, subscriptions, digest, resume, about],
);
