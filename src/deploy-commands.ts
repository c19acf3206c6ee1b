import { REST } from 'discord.js';
import { config as loadDotenv } from 'dotenv';
import { commands } from '../commands/index.ts';
import { registerCommands } from './bot/register-commands.ts';
import { ConfigError, loadConfig } from './config.ts';
import { serializeError } from './logger.ts';

// `npm run deploy-commands`: registers the slash commands without starting the bot.
loadDotenv({ quiet: true });
try {
	const config = loadConfig(process.env);
	const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.discordToken);
	const count = await registerCommands(rest, commands, config.guildId);
	console.log(
		`Registered ${count} command(s) ${config.guildId ? `in guild ${config.guildId} (available now)` : 'globally (may take up to an hour to show)'}.`,
	);
} catch (error) {
	console.error(error instanceof ConfigError ? error.message : `Could not register the commands: ${serializeError(error).message}`);
	process.exitCode = 1;
}
