import { execFileSync, spawnSync } from 'node:child_process';

/**
 * Machines for a test, made of Linux network namespaces on one machine: each host is a namespace
 * with one link (a veth pair) to a private bridge in the test's own namespace, so the test process
 * (and the fake Discord it runs) reaches every host, and the hosts reach each other, through that
 * bridge only. Cutting a host's link is a network partition: its packets go nowhere, its TCP
 * connections neither close nor answer, as when a machine's cable is pulled.
 *
 * Names carry the test process's pid (interface names have 15 characters at most), so that runs
 * side by side do not meet, and what a crashed run left behind is recognised and removed.
 */

const PREFIX = 'pbh';
/** Inside each namespace its one link is called what a machine's would be. */
const LINK = 'eth0';

function ip(...args: string[]): string {
	return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Why hosts cannot be made here, or undefined when they can (root, iproute2, namespaces allowed). */
export function hostNetworkUnavailable(): string | undefined {
	if (process.platform !== 'linux') return `network namespaces are Linux's; this is ${process.platform}`;
	if (process.getuid?.() !== 0) return 'making network namespaces needs root';
	const probe = `${PREFIX}${process.pid}-probe`;
	try {
		ip('netns', 'add', probe);
		ip('netns', 'del', probe);
		return undefined;
	} catch (error) {
		const { code, stderr } = error as NodeJS.ErrnoException & { stderr?: string };
		return code === 'ENOENT' ? 'the ip command (iproute2) is not installed' : `ip netns add failed: ${String(stderr).trim()}`;
	}
}

/** Removes the namespaces and bridges of runs whose process is gone, and kills what still ran in them. */
function removeLeftovers(): void {
	const own = new RegExp(`^${PREFIX}(\\d+)`);
	const stale = (name: string) => {
		const pid = own.exec(name)?.[1];
		return pid !== undefined && !alive(Number(pid));
	};
	for (const line of ip('netns', 'list').split('\n')) {
		const name = line.split(' ')[0]!;
		if (!stale(name)) continue;
		for (const pid of ip('netns', 'pids', name).split('\n').filter(Boolean)) process.kill(Number(pid), 'SIGKILL');
		ip('netns', 'del', name);
	}
	// The kernel takes a deleted namespace's veth pairs down with it, in its own time: one may be gone by now.
	for (const line of ip('-o', 'link', 'show').split('\n')) {
		const name = /^\d+: ([^:@]+)/.exec(line)?.[1];
		if (name && stale(name)) spawnSync('ip', ['link', 'del', name], { stdio: 'ignore' });
	}
}

export class HostNetwork {
	/** The test's own address on the bridge: what the hosts reach the fake Discord at. */
	readonly gateway: string;
	readonly #subnet: string;
	readonly #hosts: readonly string[];
	readonly #bridge = `${PREFIX}${process.pid}br`;

	private constructor(hosts: readonly string[]) {
		this.#hosts = hosts;
		// 198.18.0.0/15 is set aside for network tests (RFC 2544): no real network uses it.
		const slot = process.pid % 512;
		this.#subnet = `198.${18 + (slot >> 8)}.${slot & 255}`;
		this.gateway = `${this.#subnet}.1`;
	}

	/** Makes a host namespace per name (short names: they end interface names), each linked to the bridge. */
	static create(hosts: readonly string[]): HostNetwork {
		removeLeftovers();
		const network = new HostNetwork(hosts);
		try {
			network.#build();
		} catch (error) {
			network.destroy();
			throw error;
		}
		return network;
	}

	#build(): void {
		ip('link', 'add', this.#bridge, 'type', 'bridge');
		ip('addr', 'add', `${this.gateway}/24`, 'dev', this.#bridge);
		ip('link', 'set', this.#bridge, 'up');
		for (const host of this.#hosts) {
			const namespace = this.namespace(host);
			const outside = `${PREFIX}${process.pid}${host}`;
			ip('netns', 'add', namespace);
			ip('link', 'add', outside, 'type', 'veth', 'peer', 'name', LINK, 'netns', namespace);
			ip('link', 'set', outside, 'master', this.#bridge);
			ip('link', 'set', outside, 'up');
			ip('-n', namespace, 'addr', 'add', `${this.address(host)}/24`, 'dev', LINK);
			ip('-n', namespace, 'link', 'set', 'lo', 'up');
			ip('-n', namespace, 'link', 'set', LINK, 'up');
		}
	}

	namespace(host: string): string {
		return `${PREFIX}${process.pid}-${host}`;
	}

	address(host: string): string {
		const index = this.#hosts.indexOf(host);
		if (index < 0) throw new Error(`no host ${host} in this network`);
		return `${this.#subnet}.${index + 2}`;
	}

	/** The command line that runs `argv` on a host. */
	on(host: string, ...argv: string[]): string[] {
		return ['ip', 'netns', 'exec', this.namespace(host), ...argv];
	}

	/** Pulls the host's cable: nothing goes in or out until `reconnect`. */
	cut(host: string): void {
		ip('-n', this.namespace(host), 'link', 'set', LINK, 'down');
	}

	reconnect(host: string): void {
		ip('-n', this.namespace(host), 'link', 'set', LINK, 'up');
	}

	/** Removes the namespaces (with their links) and the bridge, as far as they were made; stop what runs on the hosts first. */
	destroy(): void {
		const made = new Set(
			ip('netns', 'list')
				.split('\n')
				.map((line) => line.split(' ')[0]),
		);
		for (const host of this.#hosts) if (made.has(this.namespace(host))) ip('netns', 'del', this.namespace(host));
		if (ip('-o', 'link', 'show').includes(`: ${this.#bridge}:`)) ip('link', 'del', this.#bridge);
	}
}
