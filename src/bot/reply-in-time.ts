import { MessageFlags, type InteractionReplyOptions, type RepliableInteraction } from 'discord.js';

/**
 * Discord drops an interaction not answered within 3 seconds. Work that has not finished after
 * this long (a busy search thread) is deferred first, and its answer edited in when ready.
 */
export const DEFER_AFTER_MS = 1_500;

/**
 * Replies with what `work` renders, deferring first if it takes longer than `deferAfterMs`.
 * A deferred reply's visibility is fixed when deferring: `ephemeral` chooses it.
 */
export async function replyInTime(
	interaction: RepliableInteraction,
	work: Promise<InteractionReplyOptions>,
	{ ephemeral = false, deferAfterMs = DEFER_AFTER_MS } = {},
): Promise<void> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<'late'>((resolve) => (timer = setTimeout(resolve, deferAfterMs, 'late')));
	const first = await Promise.race([work, late]).finally(() => clearTimeout(timer));
	if (first !== 'late') {
		await interaction.reply(first);
		return;
	}
	await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
	// Visibility was settled by the deferral; an edit cannot change it.
	const { flags, ...options } = await work;
	await interaction.editReply(options);
}
