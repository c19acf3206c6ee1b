/**
 * Prometheus's text exposition format, read strictly as a scraper would: every sample belongs to
 * a family declared by `# TYPE` before it (a histogram's `_bucket`, `_sum` and `_count` to theirs),
 * label values are quoted, values are numbers. Anything else throws, so a test of /metrics also
 * proves Prometheus could read it.
 */
export interface Scrape {
	/** Families by name, with their declared type. */
	readonly types: ReadonlyMap<string, string>;
	/** The sample of `name` with exactly these labels, or undefined. */
	value(name: string, labels?: Record<string, string>): number | undefined;
	/** Every sample of `name`, with its labels. */
	samples(name: string): { labels: Record<string, string>; value: number }[];
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: \d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/gy;
const SUFFIXES: Record<string, readonly string[]> = { histogram: ['_bucket', '_sum', '_count'], summary: ['_sum', '_count'] };

/** As Prometheus reads a value (Go's ParseFloat): Inf and NaN in any case, as prom-client writes `Nan`. */
function number(text: string, line: string): number {
	if (/^[+-]?inf(inity)?$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
	if (/^nan$/i.test(text)) return NaN;
	const value = Number(text);
	if (text.trim() === '' || Number.isNaN(value)) throw new Error(`not a number in: ${line}`);
	return value;
}

function labelsOf(text: string | undefined, line: string): Record<string, string> {
	const labels: Record<string, string> = {};
	if (!text) return labels;
	LABEL.lastIndex = 0;
	let read = 0;
	for (let match = LABEL.exec(text); match; match = LABEL.exec(text)) {
		labels[match[1]!] = match[2]!.replace(/\\(.)/g, (_, char: string) => (char === 'n' ? '\n' : char));
		read = LABEL.lastIndex;
	}
	if (read !== text.length) throw new Error(`unreadable labels in: ${line}`);
	return labels;
}

export function parsePrometheus(text: string): Scrape {
	const types = new Map<string, string>();
	const all: { name: string; labels: Record<string, string>; value: number }[] = [];
	const familyOf = (name: string) =>
		types.has(name) ? name : [...types].find(([family, type]) => (SUFFIXES[type] ?? []).some((suffix) => name === family + suffix))?.[0];
	for (const line of text.split('\n')) {
		if (line === '' || line.startsWith('# HELP ')) continue;
		const declared = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
		if (declared) {
			if (types.has(declared[1]!)) throw new Error(`${declared[1]} declared twice`);
			types.set(declared[1]!, declared[2]!);
			continue;
		}
		const match = SAMPLE.exec(line);
		if (!match) throw new Error(`not a sample: ${line}`);
		if (!familyOf(match[1]!)) throw new Error(`a sample before its # TYPE: ${line}`);
		all.push({ name: match[1]!, labels: labelsOf(match[2], line), value: number(match[3]!, line) });
	}
	const same = (a: Record<string, string>, b: Record<string, string>) =>
		Object.keys(a).length === Object.keys(b).length && Object.entries(b).every(([key, value]) => a[key] === value);
	return {
		types,
		value: (name, labels = {}) => all.find((sample) => sample.name === name && same(sample.labels, labels))?.value,
		samples: (name) => all.filter((sample) => sample.name === name).map(({ labels, value }) => ({ labels, value })),
	};
}

/** GETs /metrics from a running server and reads it. */
export async function scrape(baseUrl: string): Promise<Scrape> {
	const response = await fetch(`${baseUrl}/metrics`);
	if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
	if (!response.headers.get('content-type')?.startsWith('text/plain; version=0.0.4'))
		throw new Error(`/metrics is ${response.headers.get('content-type')}, not Prometheus text`);
	return parsePrometheus(await response.text());
}
