/**
 * A scenario named on the command line: a file, standard input (`-`), or a share link, given as
 * the argument itself or as the text of the file or stdin (a long link can exceed the shell's
 * argument limit, so `pbpaste | nfwalk trace -` works).
 */
import { decodeLink, looksLikeLink } from '../lib/link/index';
import { diagnosticFormatter } from './format';
import { readInput, type Io } from './io';

export type ScenarioInput =
	{ ok: true; name: string; text: string } | { ok: false; message: string };

/** The scenario's text; a link's problems (with the diagnostics it carries) on stderr. */
export async function readScenarioInput(io: Io, arg: string): Promise<ScenarioInput> {
	const direct = looksLikeLink(arg);
	const input = direct ? { name: 'link', text: arg } : await readInput(io, arg);
	if (!looksLikeLink(input.text)) return { ok: true, ...input };
	const result = await decodeLink(input.text);
	if (result.ok)
		return { ok: true, name: direct ? 'link' : `${input.name} (link)`, text: result.text };
	if (result.details) {
		const format = diagnosticFormatter('link', result.details.text);
		for (const d of result.details.diagnostics) io.stderr(format(d));
	}
	return { ok: false, message: result.message };
}
