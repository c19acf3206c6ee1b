/**
 * The commands as messages name them, in one place so a moved or renamed command cannot leave
 * its old name in the copy: test/bot/commands.test.ts checks each is registered.
 */
export const COMMAND = {
	search: '/paper search',
	show: '/paper show',
	subscriptions: '/paper subscriptions',
	saved: '/paper saved',
	cite: '/paper cite',
	subscribe: '/channel subscribe',
	resume: '/channel resume',
} as const;
