import { Errors, invalidForm } from './errors.ts';
import type { Reply } from './errors.ts';
import type { FakeInteraction } from './interaction.ts';
import { MessageFlag, applyMessageEdit, messagePayload } from './messages.ts';
import { route } from './router.ts';
import type { Route, RouteContext } from './router.ts';
import type { FakeState } from './state.ts';
import type { FakeMessage, InteractionCallback, MessageBody } from './types.ts';
import { callbackLimits, isEmptyMessage, messageLimits } from './validate.ts';

/** Callback types each interaction type accepts: 4 message, 5 deferred message, 6 deferred update, 7 update, 8 autocomplete result, 9 modal. */
const ALLOWED: Record<number, number[]> = { 2: [4, 5, 9], 3: [4, 5, 6, 7, 9], 4: [8], 5: [4, 5, 6, 7] };

function interactionMessage(state: FakeState, interaction: FakeInteraction, body: MessageBody): FakeMessage {
	const message = messagePayload(interaction.channelId, interaction.guildId ?? undefined, state.botUser, body);
	message.webhook_id = state.applicationId;
	message.application_id = state.applicationId;
	message.type = interaction.type === 2 ? 20 : 0;
	return message;
}

function callback(ctx: RouteContext): Reply {
	const { state, params, body, req } = ctx;
	const interaction = state.interactions.get(params.interaction_id ?? '');
	if (!interaction || interaction.token !== params.interaction_token) return Errors.unknownInteraction();
	if (interaction.acknowledged) return Errors.alreadyAcknowledged();
	const cb = body as unknown as InteractionCallback;
	if (!ALLOWED[interaction.type]?.includes(cb.type)) {
		return invalidForm([{ path: ['type'], code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: 'Interaction response type is invalid' }]);
	}
	const data: MessageBody = cb.data ?? {};
	if (cb.type === 4 && isEmptyMessage(data, req.files.length)) return Errors.emptyMessage();
	if (cb.type === 4) interaction.original = interactionMessage(state, interaction, data);
	if (cb.type === 5) {
		interaction.original = interactionMessage(state, interaction, {});
		interaction.original.flags = MessageFlag.Loading | ((data.flags ?? 0) & MessageFlag.Ephemeral);
	}
	if ((cb.type === 6 || cb.type === 7) && interaction.message) {
		interaction.original = interaction.message;
		if (cb.type === 7) applyMessageEdit(interaction.original, data);
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
							response_message_loading: (original.flags & MessageFlag.Loading) !== 0,
							response_message_ephemeral: (original.flags & MessageFlag.Ephemeral) !== 0,
						}
					: {}),
			},
			resource: { type: cb.type, ...(original && cb.type !== 6 ? { message: original } : {}) },
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
	route('POST', '/interactions/{interaction_id}/{interaction_token}/callback', callback, false, (ctx) => callbackLimits(ctx.req.body)),
	route(
		'POST',
		'/webhooks/{webhook_id}/{webhook_token}',
		(ctx) => {
			const interaction = webhookInteraction(ctx);
			if (!interaction) return Errors.unknownWebhook();
			const body = ctx.body as MessageBody;
			if (isEmptyMessage(body, ctx.req.files.length)) return Errors.emptyMessage();
			const message = interactionMessage(ctx.state, interaction, body);
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
