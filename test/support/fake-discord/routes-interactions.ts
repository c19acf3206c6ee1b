import { InteractionResponseType, InteractionType, MessageFlags, MessageType } from 'discord.js';
import { Errors } from './errors.ts';
import type { FormProblem, Reply } from './errors.ts';
import type { FakeInteraction } from './interaction.ts';
import { applyMessageEdit, attachmentsOf, messagePayload } from './messages.ts';
import { route } from './router.ts';
import type { Route, RouteContext } from './router.ts';
import type { FakeState } from './state.ts';
import type { FakeMessage, InteractionCallback, MessageBody, RecordedFile } from './types.ts';
import { callbackLimits, isEmptyMessage, messageLimits } from './validate.ts';

const R = InteractionResponseType;
/** The callback types each interaction type accepts (Discord's "Responding to an Interaction"). */
const ALLOWED: Partial<Record<InteractionType, InteractionResponseType[]>> = {
	[InteractionType.ApplicationCommand]: [R.ChannelMessageWithSource, R.DeferredChannelMessageWithSource, R.Modal],
	[InteractionType.MessageComponent]: [
		R.ChannelMessageWithSource,
		R.DeferredChannelMessageWithSource,
		R.DeferredMessageUpdate,
		R.UpdateMessage,
		R.Modal,
	],
	[InteractionType.ApplicationCommandAutocomplete]: [R.ApplicationCommandAutocompleteResult],
	[InteractionType.ModalSubmit]: [R.ChannelMessageWithSource, R.DeferredChannelMessageWithSource, R.DeferredMessageUpdate, R.UpdateMessage],
};

function addressed(ctx: RouteContext): FakeInteraction | null {
	const interaction = ctx.state.interactions.get(ctx.params.interaction_id ?? '');
	return interaction && interaction.token === ctx.params.interaction_token ? interaction : null;
}

/**
 * Beyond the spec (which takes any callback type for any interaction): the type must suit the
 * interaction, and the message of a reply or update keeps Discord's documented limits.
 */
function callbackProblems(ctx: RouteContext): FormProblem[] {
	const interaction = addressed(ctx);
	const type = ctx.body.type as InteractionResponseType;
	// A type that is no callback type at all is the spec's to refuse.
	const known = Object.values(InteractionResponseType).includes(type);
	const suits = !interaction || interaction.acknowledged || !known || (ALLOWED[interaction.type]?.includes(type) ?? false);
	const problems: FormProblem[] = suits
		? []
		: [{ path: ['type'], code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: 'Interaction response type is invalid' }];
	return [...problems, ...callbackLimits(ctx.req.body)];
}

function interactionMessage(
	state: FakeState,
	interaction: FakeInteraction,
	body: MessageBody,
	files: readonly RecordedFile[] = [],
): FakeMessage {
	const message = messagePayload(interaction.channelId, interaction.guildId ?? undefined, state.botUser, body);
	message.attachments = attachmentsOf(interaction.channelId, files);
	interaction.files.push(...files);
	message.webhook_id = state.applicationId;
	message.application_id = state.applicationId;
	message.type = interaction.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default;
	return message;
}

function callback(ctx: RouteContext): Reply {
	const { state, body, req } = ctx;
	const interaction = addressed(ctx);
	if (!interaction) return Errors.unknownInteraction();
	if (interaction.acknowledged) return Errors.alreadyAcknowledged();
	const cb = body as unknown as InteractionCallback;
	const type = cb.type;
	const data: MessageBody = cb.data ?? {};
	if (type === R.ChannelMessageWithSource && isEmptyMessage(data, req.files.length)) return Errors.emptyMessage();
	if (type === R.ChannelMessageWithSource) interaction.original = interactionMessage(state, interaction, data, req.files);
	if (type === R.DeferredChannelMessageWithSource) {
		interaction.original = interactionMessage(state, interaction, {});
		interaction.original.flags = MessageFlags.Loading | ((data.flags ?? 0) & MessageFlags.Ephemeral);
	}
	if ((type === R.DeferredMessageUpdate || type === R.UpdateMessage) && interaction.message) {
		interaction.original = interaction.message;
		if (type === R.UpdateMessage) applyMessageEdit(interaction.original, data);
	}
	interaction.callbacks.push(cb);
	if (req.query.with_response !== 'true') return { status: 204 };
	const original = interaction.original;
	return {
		status: 200,
		body: {
			interaction: {
				id: interaction.id,
				type: interaction.type,
				...(original
					? {
							response_message_id: original.id,
							response_message_loading: (original.flags & MessageFlags.Loading) !== 0,
							response_message_ephemeral: (original.flags & MessageFlags.Ephemeral) !== 0,
						}
					: {}),
			},
			resource: { type: cb.type, ...(original && type !== R.DeferredMessageUpdate ? { message: original } : {}) },
		},
	};
}

/** The interaction a webhook route's app id and token belong to, once acknowledged. */
function webhookInteraction(ctx: RouteContext): FakeInteraction | null {
	if (ctx.params.webhook_id !== ctx.state.applicationId) return null;
	for (const interaction of ctx.state.interactions.values()) {
		if (interaction.token === ctx.params.webhook_token && interaction.acknowledged) return interaction;
	}
	return null;
}

/** Runs `act` on the webhook message a route names, or answers Discord's error for a missing one. */
function onWebhookMessage(ctx: RouteContext, act: (interaction: FakeInteraction, message: FakeMessage) => Reply): Reply {
	const interaction = webhookInteraction(ctx);
	if (!interaction) return Errors.unknownWebhook();
	const message = target(interaction, ctx.params.message_id ?? '@original');
	return message ? act(interaction, message) : Errors.unknownMessage();
}

function target(interaction: FakeInteraction, id: string | undefined): FakeMessage | null {
	if (id === '@original') return interaction.originalDeleted ? null : interaction.original;
	return interaction.followUpMessages.find((m) => m.id === id) ?? null;
}

/** Routes on one webhook message: `@original` has its own template in the spec, beside `{message_id}`. */
function webhookMessageRoutes(message: string): Route[] {
	const pattern = `/webhooks/{webhook_id}/{webhook_token}/messages/${message}`;
	return [
		route('GET', pattern, (ctx) => onWebhookMessage(ctx, (_, found) => ({ status: 200, body: found })), false),
		route(
			'PATCH',
			pattern,
			(ctx) =>
				onWebhookMessage(ctx, (interaction, found) => {
					const body = ctx.body as MessageBody;
					applyMessageEdit(found, body);
					// Files uploaded with an edit join the message's attachments.
					found.attachments.push(...attachmentsOf(found.channel_id, ctx.req.files));
					interaction.files.push(...ctx.req.files);
					if (message === '@original') interaction.edits.push(body);
					return { status: 200, body: found };
				}),
			false,
			(ctx) => messageLimits(ctx.req.body, false),
		),
		route(
			'DELETE',
			pattern,
			(ctx) =>
				onWebhookMessage(ctx, (interaction, found) => {
					if (message === '@original') interaction.originalDeleted = true;
					else interaction.followUpMessages.splice(interaction.followUpMessages.indexOf(found), 1);
					return { status: 204 };
				}),
			false,
		),
	];
}

export const interactionRoutes: Route[] = [
	route('POST', '/interactions/{interaction_id}/{interaction_token}/callback', callback, false, callbackProblems),
	route(
		'POST',
		'/webhooks/{webhook_id}/{webhook_token}',
		(ctx) => {
			const interaction = webhookInteraction(ctx);
			if (!interaction) return Errors.unknownWebhook();
			const body = ctx.body as MessageBody;
			if (isEmptyMessage(body, ctx.req.files.length)) return Errors.emptyMessage();
			const message = interactionMessage(ctx.state, interaction, body, ctx.req.files);
			interaction.followUps.push(body);
			interaction.followUpMessages.push(message);
			return ctx.req.query.wait === 'true' ? { status: 200, body: message } : { status: 204 };
		},
		false,
		(ctx) => messageLimits(ctx.req.body, false),
	),
	...webhookMessageRoutes('@original'),
	...webhookMessageRoutes('{message_id}'),
];
