import {
	ApplicationCommandOptionType,
	InteractionContextType,
	isValidationEnabled,
	PermissionFlagsBits,
	SlashCommandBuilder,
	SlashCommandSubcommandBuilder,
	type APIApplicationCommandOption,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { commandWithSubcommands } from '../../src/bot/registry.ts';
import { COMMAND } from '../../src/bot/render/command-names.ts';
import type { Subcommand } from '../../src/bot/types.ts';

const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

function optionsOf(option: APIApplicationCommandOption): readonly APIApplicationCommandOption[] {
	return 'options' in option && option.options ? option.options : [];
}

/** Every limit Discord applies to a command payload, checked recursively. */
function checkOption(
	option: APIApplicationCommandOption | { name: string; description: string; options?: APIApplicationCommandOption[] },
): number {
	expect(option.name).toMatch(NAME);
	expect(option.name).toBe(option.name.toLowerCase());
	expect(option.description.length).toBeGreaterThan(0);
	expect(option.description.length).toBeLessThanOrEqual(100);
	const children = 'type' in option ? optionsOf(option) : (option.options ?? []);
	expect(children.length).toBeLessThanOrEqual(25);
	return option.name.length + option.description.length + children.reduce((sum, child) => sum + checkOption(child), 0);
}

const command = (name: string) => commands.find((candidate) => candidate.data.name === name)!.data;
const subcommandsOf = (name: string) =>
	(command(name).options ?? []).filter((option) => option.type === ApplicationCommandOptionType.Subcommand);

describe('command definitions', () => {
	it.each(commands.map((command) => [command.data.name, command] as const))('/%s is a payload Discord accepts', (_, command) => {
		expect(checkOption(command.data)).toBeLessThanOrEqual(8000);
		// The data came out of discord.js's builders, which validate every setter while validation is on.
		expect(isValidationEnabled()).toBe(true);
		expect(() => new SlashCommandBuilder().setName('Bad Name')).toThrow();
	});

	it('offers reading under /paper to everyone, with autocomplete where members type titles', () => {
		expect(command('paper')).toMatchObject({ contexts: [InteractionContextType.Guild] });
		expect(command('paper').default_member_permissions).toBeUndefined();
		expect(subcommandsOf('paper').map((option) => option.name)).toEqual([
			'search',
			'show',
			'similar',
			'saved',
			'cite',
			'subscriptions',
			'about',
		]);
		const autocompleted = subcommandsOf('paper').flatMap((sub) =>
			optionsOf(sub)
				.filter((option) => 'autocomplete' in option && option.autocomplete)
				.map((option) => `${sub.name}.${option.name}`),
		);
		expect(autocompleted).toEqual(['search.query', 'show.paper', 'similar.paper', 'cite.paper']);
	});

	it('offers changing a channel under /channel, shown by default only to members with Manage Channels', () => {
		expect(command('channel')).toMatchObject({
			contexts: [InteractionContextType.Guild],
			default_member_permissions: PermissionFlagsBits.ManageChannels.toString(),
		});
		expect(subcommandsOf('channel').map((option) => option.name)).toEqual(['subscribe', 'unsubscribe', 'digest', 'resume']);
		// Topics are limited as the core limits them, so Discord stops an overlong one as it is typed.
		const topic = optionsOf(subcommandsOf('channel').find((sub) => sub.name === 'subscribe')!).find((option) => option.name === 'topic');
		expect(topic).toMatchObject({ max_length: 100, required: true });
	});

	it('registers the commands the messages name', () => {
		const registered = commands.flatMap((command) => (command.data.options ?? []).map((option) => `/${command.data.name} ${option.name}`));
		for (const named of Object.values(COMMAND)) expect(registered).toContain(named);
	});

	it('refuses two subcommands under one name', () => {
		const about = {
			data: new SlashCommandSubcommandBuilder().setName('about').setDescription('About').toJSON(),
			execute: async () => {},
		} satisfies Subcommand;
		const definition = new SlashCommandBuilder().setName('paper').setDescription('Papers').toJSON();
		expect(() => commandWithSubcommands(definition, [about, about])).toThrow(/\/paper subcommand "about" is registered twice/);
	});
});
