/**
 * `nfwalk link SCENARIO [--base URL]`: prints a share link that opens the scenario in the app. A
 * scenario with errors gets its diagnostics and no link, as the app would refuse it.
 */
import { parseScenario } from '../lib/scenario/index';
import { encodeLink, linkUrl, LONG_LINK_CHARS, PUBLIC_URL } from '../lib/link/index';
import { parseCommandArgs } from './args';
import { countSeverities, diagnosticFormatter, plural } from './format';
import { EXIT, UsageError, type Io } from './io';
import { readScenarioInput } from './scenario-input';
import { USAGE } from './usage';

function baseUrl(given: string | undefined): string {
	const base = given ?? process.env.NFWALK_BASE_URL ?? PUBLIC_URL;
	let url: URL;
	try {
		url = new URL(base);
	} catch {
		throw new UsageError(
			`--base ${base} is not a URL; give the app's address, e.g. https://nfwalk.example/`
		);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		throw new UsageError(`--base ${base} is not an http or https address`);
	return url.href;
}

export async function runLink(args: string[], io: Io): Promise<number> {
	const { values, positionals } = parseCommandArgs('link', args, {
		help: { type: 'boolean', short: 'h' },
		base: { type: 'string' }
	});
	if (values.help) {
		io.stdout(USAGE);
		return EXIT.ok;
	}
	if (positionals.length !== 1)
		throw new UsageError(
			`link takes exactly one SCENARIO file (or - for standard input), got ${positionals.length}`
		);
	const base = baseUrl(values.base);
	const input = await readScenarioInput(io, positionals[0]);
	if (!input.ok) {
		io.stderr(`nfwalk: ${input.message}\n`);
		return EXIT.findings;
	}
	const parsed = parseScenario(input.text);
	const format = diagnosticFormatter(input.name, input.text);
	for (const d of parsed.diagnostics) io.stderr(format(d));
	const { errors } = countSeverities(parsed.diagnostics);
	if (errors > 0 || !parsed.scenario) {
		io.stderr(`nfwalk: ${input.name} has ${plural(errors, 'error')}; no link\n`);
		return EXIT.findings;
	}
	const url = linkUrl(base, await encodeLink(JSON.parse(input.text)));
	io.stdout(url + '\n');
	io.stderr(`nfwalk: the link is ${url.length.toLocaleString('en')} characters\n`);
	if (url.length > LONG_LINK_CHARS)
		io.stderr(
			`nfwalk: links longer than ${LONG_LINK_CHARS.toLocaleString('en')} characters are cut or refused by chat tools and some browsers; share the scenario file instead\n`
		);
	return EXIT.ok;
}
