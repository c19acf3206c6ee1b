import type { ComponentHandler, SlashCommand } from '../src/bot/types.js';
import { paperCommand } from './paper.js';
import { pageButton } from './paper/search.js';
import { abstractMenu } from './paper/show.js';

export const commands: readonly SlashCommand[] = [paperCommand];
export const components: readonly ComponentHandler[] = [pageButton, abstractMenu];
