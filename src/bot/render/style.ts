import type { MessageMentionOptions } from 'discord.js';

/** Nothing the bot sends may ping anyone: paper text can contain "@everyone" or role mentions. */
export const NO_MENTIONS: MessageMentionOptions = Object.freeze({ parse: [] });

export const PAPER_COLOR = 0x3b82f6;
