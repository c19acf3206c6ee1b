/**
 * The fake Discord in a worker thread, so that in the bot benchmark it does not share the
 * bot's event loop (the real Discord is another machine). It dispatches `/paper search`
 * interactions with a fixed concurrency and reports the time from dispatch to each reply.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ApplicationCommandOptionType, InteractionResponseType, InteractionType } from 'discord.js';
import { FakeDiscord } from '../test/support/fake-discord/index.ts';

export interface LoadRequest {
	readonly queries: readonly string[];
	readonly interactions: number;
	readonly concurrency: number;
}

export interface LoadResult {
	/** Milliseconds from dispatch to reply, one per interaction. */
	readonly latencies: readonly number[];
	readonly totalMs: number;
}

const port = parentPort!;
const discord = await FakeDiscord.start({ token: (workerData as { token: string }).token });
port.postMessage({ apiUrl: discord.apiUrl });

port.on('message', (request: LoadRequest | 'close') => void answer(request));

async function answer(request: LoadRequest | 'close'): Promise<void> {
	if (request === 'close') {
		await discord.close();
		port.close();
		return;
	}
	const latencies: number[] = [];
	let next = 0;
	const worker = async () => {
		while (next < request.interactions) {
			const query = request.queries[next++ % request.queries.length]!;
			const started = performance.now();
			const search = { type: ApplicationCommandOptionType.String, name: 'query', value: query };
			const interaction = discord.dispatchInteraction({
				type: InteractionType.ApplicationCommand,
				data: { name: 'paper', options: [{ type: ApplicationCommandOptionType.Subcommand, name: 'search', options: [search] }] },
			});
			const response = await interaction.response(30_000);
			if (response.type !== InteractionResponseType.ChannelMessageWithSource)
				throw new Error(`unexpected answer to "${query}": ${JSON.stringify(response).slice(0, 200)}`);
			latencies.push(performance.now() - started);
		}
	};
	const started = performance.now();
	await Promise.all(Array.from({ length: request.concurrency }, worker));
	port.postMessage({ latencies, totalMs: performance.now() - started } satisfies LoadResult);
}
