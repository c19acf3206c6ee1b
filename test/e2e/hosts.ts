import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { InteractionResponseType, InteractionType } from 'discord.js';
import { expect } from 'vitest';
import type { FakeDiscord, FakeMessage } from '../support/fake-discord/index.ts';
import { commandData } from '../support/start-bot.ts';
import { MANAGER } from './subscription-bot.ts';

/** Bot processes for the scale-out tests (shards on one host, or split between hosts). */

const ROOT = new URL('../../', import.meta.url).pathname;

/** One bot process, started as `npm start` does (through `launcher`, e.g. `ip netns exec`, when given), with its output kept. */
export class Host {
	output = '';
	child!: ChildProcess;

	private readonly env: NodeJS.ProcessEnv;
	private readonly launcher: readonly string[];
	constructor(env: NodeJS.ProcessEnv, launcher: readonly string[] = []) {
		this.env = env;
		this.launcher = launcher;
	}

	async start(): Promise<void> {
		this.output = '';
		const [command, ...args] = [...this.launcher, process.execPath, 'src/main.ts'];
		this.child = spawn(command, args, {
			cwd: ROOT,
			env: { PATH: process.env.PATH!, ...this.env },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.child.stdout!.on('data', (chunk) => (this.output += chunk));
		this.child.stderr!.on('data', (chunk) => (this.output += chunk));
		const deadline = Date.now() + 90_000;
		while (!this.logs().some((line) => line.event === 'ready')) {
			if (Date.now() > deadline || this.child.exitCode !== null) throw new Error(`the bot did not get ready:\n${this.output}`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/** Its JSON log lines so far; a line still being written is left for the next look. */
	logs(): Record<string, unknown>[] {
		return this.output
			.split('\n')
			.slice(0, -1)
			.filter((line) => line.startsWith('{'))
			.map((line) => JSON.parse(line) as Record<string, unknown>);
	}

	/** Stops it with a signal; resolves with its exit code. */
	async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
		if (this.child.exitCode !== null || this.child.signalCode !== null) return this.child.exitCode;
		const exited = once(this.child, 'exit') as Promise<[number | null]>;
		this.child.kill(signal);
		return (await exited)[0];
	}
}

/** The subscription posts (messages with embeds) in a channel. */
export const postsIn = (discord: FakeDiscord, channelId: string): FakeMessage[] =>
	discord.channelMessages(channelId).filter((message) => (message.embeds ?? []).length > 0);

/** Guilds with one channel each; their ids spread them over the shards. */
export const guildsOf = (count: number) => Array.from({ length: count }, (_, i) => ({ name: `Lab ${i}`, channels: [{ name: 'papers' }] }));

/** Sends one /paper about in a guild; resolves with the type of the bot's answer, or rejects when there is none within `timeoutMs`. */
export async function aboutAnswer(discord: FakeDiscord, guildId: string, timeoutMs?: number): Promise<InteractionResponseType> {
	const about = discord.dispatchInteraction({ type: InteractionType.ApplicationCommand, guildId, data: commandData('/paper about') });
	return (await about.response(timeoutMs)).type;
}

/** Each guild answers one /paper about, once. */
export async function answersEveryGuild(discord: FakeDiscord): Promise<void> {
	for (const guild of discord.guilds) expect(await aboutAnswer(discord, guild.id)).toBe(InteractionResponseType.ChannelMessageWithSource);
}

/** Every guild's channel follows `topic`, as its manager would subscribe it. */
export async function subscribeEveryGuild(discord: FakeDiscord, topic: string): Promise<void> {
	for (const guild of discord.guilds) {
		const subscribe = discord.dispatchInteraction({
			type: InteractionType.ApplicationCommand,
			guildId: guild.id,
			channelId: guild.channels[0]!.id,
			permissions: MANAGER,
			data: commandData('/channel subscribe', [{ name: 'topic', value: topic }]),
		});
		await subscribe.response();
		expect((await subscribe.waitForEdit()).content).toMatch(new RegExp(`now follows \`${topic}\``));
	}
}
