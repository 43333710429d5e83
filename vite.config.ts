import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// .ci/run sets this to collect a machine-readable report next to the usual console output.
const jsonReport = process.env.VITEST_JSON_OUTPUT_NAME;

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		reporters: jsonReport ? ['default', 'json'] : ['default'],
		outputFile: jsonReport ? { json: jsonReport } : undefined,
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					// Engine specs run here, without a DOM, so any DOM use in the engine fails.
					name: 'node',
					environment: 'node',
					include: ['src/**/*.spec.ts', 'tests/unit/**/*.spec.ts', 'tests/property/**/*.spec.ts'],
					exclude: ['src/**/*.svelte.spec.ts', 'tests/e2e/**', 'node_modules/**']
				}
			}
		]
	}
});
