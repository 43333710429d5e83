/**
 * The scenarios in rules-examples/, bundled as text: the start page's picker and the fixed
 * `/example/NAME` routes read them from here.
 */
const FILES = import.meta.glob('/rules-examples/*.json', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

/** One example, e.g. `{ name: 'home-router', title: 'Home router: …', … }`. */
export interface Example {
	/** The file name without `.json`: the `/example/NAME` route. */
	name: string;
	title: string;
	description: string;
	/** The scenario file's text, as `walkScenario` reads it. */
	text: string;
}

function exampleOf(path: string, text: string): Example {
	const name = path.replace(/^.*\//, '').replace(/\.json$/, '');
	let title = name;
	let description = '';
	try {
		const json = JSON.parse(text) as { title?: unknown; description?: unknown };
		if (typeof json.title === 'string') title = json.title;
		if (typeof json.description === 'string') description = json.description;
	} catch {
		// A broken example still opens; the visualizer shows its diagnostics.
	}
	return { name, title, description, text };
}

export const EXAMPLES: readonly Example[] = Object.entries(FILES)
	.map(([path, text]) => exampleOf(path, text))
	.sort((a, b) => a.name.localeCompare(b.name));

export function exampleNamed(name: string): Example | undefined {
	return EXAMPLES.find((e) => e.name === name);
}
