import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		// Runes everywhere in our code; libraries in node_modules decide for themselves.
		runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true)
	},
	kit: {
		// Nothing from a scenario may ever run: no inline script (SvelteKit's own bootstrap is
		// allowed by hash), no plug-ins, no other origins. Shipped as a <meta> in every page.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['none'],
				'form-action': ['none']
			}
		},
		// Every page is prerendered to static files in build/; no SPA fallback page.
		adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, strict: true }),
		typescript: {
			// svelte-check also covers the configs and scripts outside src/ and tests/.
			config: (tsconfig) => {
				tsconfig.include.push('../playwright.config.ts', '../scripts/**/*.ts');
			}
		}
	}
};

export default config;
