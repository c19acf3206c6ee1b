import type { Interaction, RepliableInteraction } from 'discord.js';
import type { Logger } from '../logger.ts';
import type { InteractionKind, InteractionOutcome, Metrics } from '../metrics/metrics.ts';
import { TopicRefusedError } from '../subscriptions/topic-refusal.ts';
import { byUniqueKey } from './registry.ts';
import { COMMAND_GONE, CONTROL_GONE, notice } from './render/notice.ts';
import { describeTopicRefusal } from './render/topic-refusal.ts';
import type { BotContext, CommandRegistry } from './types.ts';
import { UserError } from './user-error.ts';

export const GENERIC_FAILURE = 'Something went wrong on my side. It has been logged; please try again in a moment.';

function describe(interaction: Interaction): Record<string, unknown> {
	return {
		interaction: interaction.id,
		kind: interaction.type,
		command: interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined,
		customId: interaction.isMessageComponent() ? interaction.customId : undefined,
		user: interaction.user.id,
		guild: interaction.guildId,
		channel: interaction.channelId,
	};
}

/** Answers an error in whatever way the interaction's state still allows. */
async function answerError(interaction: RepliableInteraction, text: string): Promise<void> {
	const message = notice(text);
	// A deferred update (deferUpdate leaves `ephemeral` unset) would edit the message everyone sees, a page of results: tell the member privately instead.
	const deferredUpdate = interaction.isMessageComponent() && interaction.ephemeral === null;
	if (interaction.deferred && !interaction.replied && !deferredUpdate)
		await interaction.editReply({ content: message.content, embeds: [], components: [] });
	else if (interaction.replied || interaction.deferred) await interaction.followUp(message);
	else await interaction.reply(message);
}

/** What to tell the member when the error is theirs to fix; undefined when it is the bot's. */
function forTheMember(error: unknown): string | undefined {
	if (error instanceof UserError) return error.message;
	if (error instanceof TopicRefusedError) return describeTopicRefusal(error.refusal);
	return undefined;
}

async function handleError(interaction: Interaction, error: unknown, logger: Logger): Promise<InteractionOutcome> {
	const memberText = forTheMember(error);
	if (memberText === undefined) logger.error({ event: 'interaction_failed', err: error, ...describe(interaction) }, 'interaction failed');
	try {
		if (interaction.isAutocomplete()) {
			if (!interaction.responded) await interaction.respond([]);
		} else if (interaction.isRepliable()) {
			await answerError(interaction, memberText ?? GENERIC_FAILURE);
		}
	} catch (answerFailure) {
		// Logged once, not retried: the interaction may have expired or the channel gone.
		logger.warn(
			{ event: 'interaction_failure_unanswered', err: answerFailure, ...describe(interaction) },
			'could not tell the member about a failure',
		);
	}
	return memberText === undefined ? 'failed' : 'user_error';
}

/**
 * What an interaction is, in the terms of metric labels: its kind, and the subcommand (`/paper
 * search`) or component prefix it is for. Only names the bot registered, so a stale or forged name
 * cannot grow the label set.
 */
function labelsFor(registry: CommandRegistry): (interaction: Interaction) => { kind: InteractionKind; command: string } {
	const known = new Set([
		...registry.commands.flatMap(({ data }) => (data.options ?? []).map((option) => `/${data.name} ${option.name}`)),
		...registry.components.map((component) => component.prefix),
	]);
	const named = (name: string) => (known.has(name) ? name : 'unknown');
	return (interaction) => {
		if (interaction.isChatInputCommand() || interaction.isAutocomplete())
			return {
				kind: interaction.isAutocomplete() ? 'autocomplete' : 'command',
				command: named(`/${interaction.commandName} ${interaction.options.getSubcommand(false)}`),
			};
		return { kind: 'component', command: interaction.isMessageComponent() ? named(interaction.customId.split(':')[0]!) : 'unknown' };
	};
}

/**
 * The one entry point for interactions: routes commands, autocomplete and components to their
 * handlers and turns every failure into an answer, so nothing an interaction does can crash the bot.
 */
export function createInteractionHandler(registry: CommandRegistry, context: BotContext, metrics?: Pick<Metrics, 'countInteraction'>) {
	const commandsByName = byUniqueKey(registry.commands, (command) => command.data.name, 'command');
	const componentsByPrefix = byUniqueKey(registry.components, (component) => component.prefix, 'component prefix');
	const labels = labelsFor(registry);
	return async (interaction: Interaction): Promise<void> => {
		const started = performance.now();
		const outcome = await answer(interaction).then(
			(): InteractionOutcome => 'ok',
			(error: unknown) => handleError(interaction, error, context.logger),
		);
		if (metrics) {
			const { kind, command } = labels(interaction);
			metrics.countInteraction(kind, command, outcome, (performance.now() - started) / 1000);
		}
	};

	async function answer(interaction: Interaction): Promise<void> {
		if (interaction.isChatInputCommand()) {
			const command = commandsByName.get(interaction.commandName);
			if (!command) throw new UserError(COMMAND_GONE);
			await command.execute(interaction, context);
		} else if (interaction.isAutocomplete()) {
			await commandsByName.get(interaction.commandName)?.autocomplete?.(interaction, context);
		} else if (interaction.isMessageComponent()) {
			const [prefix = '', ...args] = interaction.customId.split(':');
			const component = componentsByPrefix.get(prefix);
			if (!component) throw new UserError(CONTROL_GONE);
			await component.handle(interaction, context, args);
		}
	}
}
