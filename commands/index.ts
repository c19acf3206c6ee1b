import type { ComponentHandler, SlashCommand } from '../src/bot/types.ts';
import { channelCommand } from './channel.ts';
import { discussButton } from './discuss.ts';
import { paperCommand } from './paper.ts';
import { pageButton } from './paper/search.ts';
import { saveMenu } from './paper/save-menu.ts';
import { removeMenu, savedPageButton } from './paper/saved.ts';
import { abstractMenu } from './paper/show.ts';
import { similarControl } from './paper/similar.ts';

export const commands: readonly SlashCommand[] = [paperCommand, channelCommand];
export const components: readonly ComponentHandler[] = [
	pageButton,
	abstractMenu,
	discussButton,
	saveMenu,
	savedPageButton,
	removeMenu,
	similarControl,
];
