import {
	MessageFlags,
	type InteractionReplyOptions,
	type InteractionUpdateOptions,
	type MessageComponentInteraction,
	type RepliableInteraction,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import { replyInTime, updateInTime } from '../../src/bot/reply-in-time.ts';

/** Records the calls replyInTime makes; the end-to-end tests cover the real interaction. */
function recordingInteraction() {
	const calls: [string, unknown?][] = [];
	const interaction = {
		reply: async (options: unknown) => void calls.push(['reply', options]),
		deferReply: async (options: unknown) => void calls.push(['deferReply', options]),
		editReply: async (options: unknown) => void calls.push(['editReply', options]),
		update: async (options: unknown) => void calls.push(['update', options]),
		deferUpdate: async () => void calls.push(['deferUpdate']),
	};
	return { calls, interaction: interaction as unknown as RepliableInteraction & MessageComponentInteraction };
}

const after = <T extends InteractionReplyOptions | InteractionUpdateOptions>(ms: number, value: T) =>
	new Promise<T>((resolve) => setTimeout(resolve, ms, value));

describe('replyInTime', () => {
	it('replies directly when the work is quick', async () => {
		const { calls, interaction } = recordingInteraction();
		await replyInTime(interaction, after(1, { content: 'quick', flags: MessageFlags.Ephemeral }), { deferAfterMs: 200 });
		expect(calls).toEqual([['reply', { content: 'quick', flags: MessageFlags.Ephemeral }]]);
	});

	it('defers slow work and edits its answer in, dropping flags a deferred reply cannot take', async () => {
		const { calls, interaction } = recordingInteraction();
		await replyInTime(interaction, after(60, { content: 'slow', flags: MessageFlags.Ephemeral }), { deferAfterMs: 10 });
		expect(calls).toEqual([
			['deferReply', {}],
			['editReply', { content: 'slow' }],
		]);
	});

	it('defers privately when asked, for answers only the member should see', async () => {
		const { calls, interaction } = recordingInteraction();
		await replyInTime(interaction, after(60, { content: 'private', flags: MessageFlags.Ephemeral }), { ephemeral: true, deferAfterMs: 10 });
		expect(calls).toEqual([
			['deferReply', { flags: MessageFlags.Ephemeral }],
			['editReply', { content: 'private' }],
		]);
	});
});

describe('updateInTime', () => {
	it('updates the message directly when the work is quick, and defers the update when it is slow', async () => {
		const quick = recordingInteraction();
		await updateInTime(quick.interaction, after(1, { content: 'page 2' }), { deferAfterMs: 200 });
		expect(quick.calls).toEqual([['update', { content: 'page 2' }]]);
		const slow = recordingInteraction();
		await updateInTime(slow.interaction, after(60, { content: 'page 3' }), { deferAfterMs: 10 });
		expect(slow.calls).toEqual([['deferUpdate'], ['editReply', { content: 'page 3' }]]);
	});
});
