import {
	MessageFlags,
	type InteractionReplyOptions,
	type InteractionUpdateOptions,
	type MessageComponentInteraction,
	type RepliableInteraction,
} from 'discord.js';

/**
 * Discord drops an interaction not answered within 3 seconds. Work that has not finished after
 * this long (a busy search thread) is deferred first, and its answer edited in when ready.
 */
export const DEFER_AFTER_MS = 1_500;

/** The work's result, or 'late' once `deferAfterMs` passes without one. */
async function inTime<T>(work: Promise<T>, deferAfterMs: number): Promise<T | 'late'> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<'late'>((resolve) => (timer = setTimeout(resolve, deferAfterMs, 'late')));
	return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * Replies with what `work` renders, deferring first if it takes longer than `deferAfterMs`.
 * A deferred reply's visibility is fixed when deferring: `ephemeral` chooses it.
 */
export async function replyInTime(
	interaction: RepliableInteraction,
	work: Promise<InteractionReplyOptions>,
	{ ephemeral = false, deferAfterMs = DEFER_AFTER_MS } = {},
): Promise<void> {
	const first = await inTime(work, deferAfterMs);
	if (first !== 'late') {
		await interaction.reply(first);
		return;
	}
	await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
	// Visibility was settled by the deferral; an edit cannot change it.
	const { flags, ...options } = await work;
	await interaction.editReply(options);
}

/** Updates the message a button or menu belongs to with what `work` renders, deferring the same way. */
export async function updateInTime(
	interaction: MessageComponentInteraction,
	work: Promise<InteractionUpdateOptions>,
	{ deferAfterMs = DEFER_AFTER_MS } = {},
): Promise<void> {
	const first = await inTime(work, deferAfterMs);
	if (first !== 'late') {
		await interaction.update(first);
		return;
	}
	await interaction.deferUpdate();
	await interaction.editReply(await work);
}
