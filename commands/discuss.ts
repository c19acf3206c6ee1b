import {
	DiscordAPIError,
	MessageFlags,
	PermissionFlagsBits,
	RESTJSONErrorCodes,
	Routes,
	type APIThreadChannel,
	type InteractionReplyOptions,
	type MessageComponentInteraction,
} from 'discord.js';
import { DISCUSS_BUTTON, renderDiscussionOpening } from '../src/bot/render/discussion.ts';
import { threadName } from '../src/bot/render/forum-post.ts';
import { CONTROL_GONE, notice } from '../src/bot/render/notice.ts';
import { replyInTime } from '../src/bot/reply-in-time.ts';
import type { BotContext, ComponentHandler } from '../src/bot/types.ts';
import { UserError } from '../src/bot/user-error.ts';

/** What the bot needs to open a thread on a post and write in it. */
const THREADS = [
	[PermissionFlagsBits.CreatePublicThreads, 'Create Public Threads'],
	[PermissionFlagsBits.SendMessagesInThreads, 'Send Messages in Threads'],
] as const;

const pointTo = (threadId: string, opened: boolean): InteractionReplyOptions =>
	notice(opened ? `Opened a thread to discuss it: <#${threadId}>` : `This paper is being discussed in <#${threadId}>.`);

/** Opens the thread (its id is the message's, as Discord does for a thread started from a message) and writes the paper in it. */
async function openThread(
	interaction: MessageComponentInteraction,
	paperId: string,
	context: BotContext,
): Promise<InteractionReplyOptions> {
	const { message } = interaction;
	// Pressed again: the thread is there already, and Discord would refuse a second (160004).
	if (message.flags.has(MessageFlags.HasThread)) return pointTo(message.id, false);
	const paper = await context.search.paper(paperId);
	if (!paper) throw new UserError('That paper is no longer in the library, so no thread can be opened for it.');
	const { rest } = interaction.client;
	let thread: APIThreadChannel;
	try {
		thread = (await rest.post(Routes.threads(message.channelId, message.id), { body: { name: threadName(paper) } })) as APIThreadChannel;
	} catch (error) {
		if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage)
			return pointTo(message.id, false);
		throw error;
	}
	await rest.post(Routes.channelMessages(thread.id), { body: renderDiscussionOpening(paper) });
	context.logger.info(
		{ event: 'discussion_opened', channel: message.channelId, thread: thread.id, paper: paper.id },
		'opened a discussion thread',
	);
	return pointTo(thread.id, true);
}

/** Discuss, under a subscription post: a public thread on it about its paper, or the one already there. */
export const discussButton: ComponentHandler = {
	prefix: DISCUSS_BUTTON,
	async handle(interaction, context, [paperId = '']) {
		if (!interaction.isButton() || !interaction.inGuild() || !paperId) throw new UserError(CONTROL_GONE);
		const missing = THREADS.filter(([flag]) => !interaction.appPermissions.has(flag)).map(([, name]) => name);
		if (missing.length > 0)
			throw new UserError(
				`I cannot open a thread here: I am missing ${missing.join(' and ')} in this channel. Ask a moderator to grant it.`,
			);
		if (!interaction.memberPermissions.has(PermissionFlagsBits.CreatePublicThreads))
			throw new UserError('Opening a discussion thread needs the Create Public Threads permission in this channel.');
		await replyInTime(interaction, openThread(interaction, paperId, context), { ephemeral: true });
	},
};
