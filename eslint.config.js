import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['node_modules/', 'data/', 'dist/', 'coverage/', 'bench/.corpora/'] },
	js.configs.recommended,
	...tseslint.configs.recommendedTypeChecked,
	{
		languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
		rules: {
			'@typescript-eslint/consistent-type-imports': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			// Stores and sinks implement async interfaces; an in-memory one has nothing to await.
			'@typescript-eslint/require-await': 'off',
			eqeqeq: 'error',
			'no-console': 'off',
		},
	},
	{
		// Vitest's asymmetric matchers (expect.any, expect.stringContaining) are typed `any`, and
		// tests read JSON and fake wire data they just wrote: these rules would only flag those.
		files: ['test/**/*.ts'],
		rules: {
			'@typescript-eslint/no-unsafe-assignment': 'off',
			'@typescript-eslint/no-unsafe-member-access': 'off',
			'@typescript-eslint/no-unsafe-argument': 'off',
			'@typescript-eslint/no-unsafe-return': 'off',
			'@typescript-eslint/no-base-to-string': 'off',
		},
	},
	// Plain JavaScript config files are outside the TypeScript project.
	{ files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
