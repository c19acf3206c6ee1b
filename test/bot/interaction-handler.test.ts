import { MessageFlags, type Interaction } from 'discord.js';
import pino from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { createInteractionHandler, GENERIC_FAILURE } from '../../src/bot/interaction-handler.ts';
import type { BotContext, ComponentHandler } from '../../src/bot/types.ts';
import { Metrics } from '../../src/metrics/metrics.ts';
import { TopicRefusedError } from '../../src/subscriptions/topic-refusal.ts';
import { parsePrometheus } from '../support/prometheus-text.ts';

/** A button press as the handler sees it, recording how it gets answered; the e2e tests cover real ones. */
function buttonPress(customId: string) {
	const calls: [string, unknown?][] = [];
	const interaction = {
		id: '1',
		type: 3,
		customId,
		user: { id: '2' },
		guildId: '3',
		channelId: '4',
		deferred: false,
		replied: false,
		ephemeral: null as boolean | null,
		isChatInputCommand: () => false,
		isAutocomplete: () => false,
		isCommand: () => false,
		isMessageComponent: () => true,
		isRepliable: () => true,
		async deferUpdate() {
			interaction.deferred = true;
			calls.push(['deferUpdate']);
		},
		async deferReply(options: { flags?: number } = {}) {
			interaction.deferred = true;
			interaction.ephemeral = options.flags === MessageFlags.Ephemeral;
			calls.push(['deferReply', options]);
		},
		editReply: async (options: unknown) => void calls.push(['editReply', options]),
		followUp: async (options: unknown) => void calls.push(['followUp', options]),
		reply: async (options: unknown) => void calls.push(['reply', options]),
	};
	return { calls, interaction };
}

const failingAfter = (
	defer: (interaction: ReturnType<typeof buttonPress>['interaction']) => Promise<void>,
	error: Error = new Error('the search thread stopped'),
): ComponentHandler => ({
	prefix: 'turn',
	async handle(interaction) {
		await defer(interaction as unknown as ReturnType<typeof buttonPress>['interaction']);
		throw error;
	},
});

describe('the interaction handler', () => {
	let logged: string[] = [];
	const context = {
		logger: pino({ level: 'warn' }, { write: (line: string) => void logged.push(line) }),
	} as unknown as BotContext;
	beforeEach(() => {
		logged = [];
	});

	it('answers a page turn that fails after deferring privately, leaving the results message alone', async () => {
		const { calls, interaction } = buttonPress('turn:abc:1');
		await createInteractionHandler(
			{ commands: [], components: [failingAfter((i) => i.deferUpdate())] },
			context,
		)(interaction as unknown as Interaction);
		expect(calls.map(([name]) => name)).toEqual(['deferUpdate', 'followUp']);
		expect(calls[1]![1]).toMatchObject({ content: GENERIC_FAILURE, flags: MessageFlags.Ephemeral });
	});

	it('edits a deferred private reply into the error instead', async () => {
		const { calls, interaction } = buttonPress('turn:abc:1');
		await createInteractionHandler(
			{ commands: [], components: [failingAfter((i) => i.deferReply({ flags: MessageFlags.Ephemeral }))] },
			context,
		)(interaction as unknown as Interaction);
		expect(calls.map(([name]) => name)).toEqual(['deferReply', 'editReply']);
		expect(calls[1]![1]).toMatchObject({ content: GENERIC_FAILURE, embeds: [], components: [] });
	});

	it('words a refusal from the core for the member, privately, and logs nothing', async () => {
		const { calls, interaction } = buttonPress('turn:abc:1');
		const refused = new TopicRefusedError({ code: 'topic_limit', limit: 25 });
		await createInteractionHandler(
			{ commands: [], components: [failingAfter(async () => {}, refused)] },
			context,
		)(interaction as unknown as Interaction);
		expect(calls).toEqual([
			['reply', expect.objectContaining({ flags: MessageFlags.Ephemeral, content: expect.stringMatching(/25 topics/) })],
		]);
		expect(logged).toEqual([]);
	});

	it('logs any other failure once', async () => {
		const { interaction } = buttonPress('turn:abc:1');
		await createInteractionHandler(
			{ commands: [], components: [failingAfter(async () => {})] },
			context,
		)(interaction as unknown as Interaction);
		expect(logged.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['interaction failed']);
	});

	it('counts each interaction by kind, registered name and outcome, and never by a name it does not know', async () => {
		const metrics = new Metrics();
		const handle = createInteractionHandler({ commands: [], components: [failingAfter(async () => {})] }, context, metrics);
		await handle(buttonPress('turn:abc:1').interaction as unknown as Interaction);
		await handle(buttonPress('gone-control:1').interaction as unknown as Interaction);
		const counted = parsePrometheus(await metrics.text()).samples('paperboy_interactions_total');
		expect(counted).toEqual([
			{ labels: { kind: 'component', command: 'turn', outcome: 'failed' }, value: 1 },
			{ labels: { kind: 'component', command: 'unknown', outcome: 'user_error' }, value: 1 },
		]);
	});

	it('refuses two components under one prefix', () => {
		const turn = failingAfter(async () => {});
		expect(() => createInteractionHandler({ commands: [], components: [turn, turn] }, context)).toThrow(
			/component prefix "turn" is registered twice/,
		);
	});
});
