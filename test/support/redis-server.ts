import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, connect } from 'node:net';

/** Why a private Redis cannot be started here, or undefined when it can. */
export function redisServerMissing(): string | undefined {
	const found = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
	return found.error ? 'redis-server is not installed (source .ci/services.sh installs it)' : undefined;
}

async function freePort(): Promise<number> {
	const server = createServer().listen(0, '127.0.0.1');
	await once(server, 'listening');
	const { port } = server.address() as { port: number };
	server.close();
	return port;
}

const answers = (port: number) =>
	new Promise<boolean>((resolve) => {
		const socket = connect(port, '127.0.0.1', () => {
			socket.destroy();
			resolve(true);
		}).on('error', () => resolve(false));
	});

/**
 * A throwaway Redis of the test's own (not the shared one of .ci/services.sh), which the test may
 * stop, freeze and thaw: nothing kept on disk, on a free port of 127.0.0.1; with `password`, one
 * that asks for it (its URL carries it).
 */
export async function startRedisServer(
	options: { password?: string } = {},
): Promise<{ url: string; port: number; process: ChildProcess; stop(): Promise<void> }> {
	const port = await freePort();
	const password = options.password ? ['--requirepass', options.password] : [];
	const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...password], {
		stdio: 'ignore',
	});
	const deadline = Date.now() + 10_000;
	while (!(await answers(port))) {
		if (Date.now() > deadline || child.exitCode !== null) throw new Error(`redis-server did not start on port ${port}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	return {
		url: `redis://${options.password ? `:${options.password}@` : ''}127.0.0.1:${port}`,
		port,
		process: child,
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const exited = once(child, 'exit');
			child.kill('SIGCONT');
			child.kill('SIGKILL');
			await exited;
		},
	};
}
