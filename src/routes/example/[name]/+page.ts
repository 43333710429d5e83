import { error } from '@sveltejs/kit';
import { EXAMPLES, exampleNamed } from '$lib/app/examples';
import type { EntryGenerator, PageLoad } from './$types';

// A fixed page per example, so browser tests and links open a scenario by name.
export const prerender = true;

export const entries: EntryGenerator = () => EXAMPLES.map((e) => ({ name: e.name }));

export const load: PageLoad = ({ params }) => {
	const example = exampleNamed(params.name);
	if (!example) error(404, `No example named ${params.name}`);
	return { example };
};
