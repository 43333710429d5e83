import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { includeIgnoreFile } from '@eslint/compat';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const gitignorePath = fileURLToPath(new URL('./.gitignore', import.meta.url));

const enginePurity = 'The engine is pure TypeScript that runs in the browser and in Node.';

/** Imports the engine may never make, its specs included. */
const engineForeignImports = [
	{ group: ['svelte', 'svelte/*'], message: `${enginePurity} No Svelte.` },
	{ group: ['$app/*', '$env/*', '$service-worker'], message: `${enginePurity} No SvelteKit.` },
	{
		// $lib/engine too: relative imports keep the engine loadable without SvelteKit's aliases.
		group: ['$lib', '$lib/*'],
		message: `${enginePurity} It imports nothing outside src/lib/engine, and within it relatively.`
	},
	{ group: ['d3', 'd3-*'], message: `${enginePurity} D3 belongs in src/lib/viz.` },
	{ group: ['xstate', '@xstate/*'], message: `${enginePurity} xstate belongs in src/lib/machine.` }
];

const nodeBuiltins = {
	group: ['node:*', ...builtinModules.flatMap((name) => [name, `${name}/*`])],
	message: `${enginePurity} No Node built-ins; the CLI reads files and hands the engine text.`
};

export default defineConfig(
	includeIgnoreFile(gitignorePath),
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		// typescript-eslint recommends this: TypeScript itself reports undefined names.
		rules: { 'no-undef': 'off' }
	},
	{
		files: ['src/**'],
		ignores: ['src/lib/engine/**', 'src/cli/**'],
		languageOptions: { globals: { ...globals.browser } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// Command line, scripts, tests and tool configs run in Node.
		files: ['src/cli/**', 'scripts/**', 'tests/**', 'bin/**', '.ci/**', '*.config.{js,ts}'],
		languageOptions: { globals: { ...globals.node } }
	},
	{
		files: ['src/lib/engine/**'],
		ignores: ['src/lib/engine/**/*.spec.ts'],
		rules: {
			'no-restricted-imports': ['error', { patterns: [...engineForeignImports, nodeBuiltins] }],
			'no-restricted-globals': [
				'error',
				...['window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require'].map(
					(name) => ({ name, message: `${enginePurity} No \`${name}\`.` })
				)
			]
		}
	},
	{
		// Specs run in Node and may read fixtures, but still import nothing foreign to the engine.
		files: ['src/lib/engine/**/*.spec.ts'],
		languageOptions: { globals: { ...globals.node } },
		rules: { 'no-restricted-imports': ['error', { patterns: engineForeignImports }] }
	}
);
