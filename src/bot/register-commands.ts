import { Routes, type REST, type RESTGetCurrentApplicationResult, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import type { SlashCommand } from './types.ts';

/**
 * Bulk-overwrites the application's commands (idempotent): in one guild, which is instant,
 * or globally. Returns how many Discord now holds.
 */
export async function registerCommands(rest: REST, commands: readonly SlashCommand[], guildId: string | undefined): Promise<number> {
	const application = (await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult;
	const route = guildId ? Routes.applicationGuildCommands(application.id, guildId) : Routes.applicationCommands(application.id);
	const registered = (await rest.put(route, { body: commands.map((command) => command.data) })) as RESTPutAPIApplicationCommandsResult;
	return registered.length;
}
