/** `nfwalk fmt FILE`: the rule set in canonical iptables-save form, or as iptables commands. */
import { parseRuleset, printRuleset } from '../lib/engine/index';
import { COMMON_OPTIONS, inputFormat, parseCommandArgs } from './args';
import { countSeverities, diagnosticFormatter, plural } from './format';
import { EXIT, readInput, UsageError, type Io } from './io';
import { USAGE } from './usage';

export async function runFmt(args: string[], io: Io): Promise<number> {
	const { values, positionals } = parseCommandArgs('fmt', args, {
		...COMMON_OPTIONS,
		commands: { type: 'boolean' }
	});
	if (values.help) {
		io.stdout(USAGE);
		return EXIT.ok;
	}
	const forced = inputFormat(values.input);
	if (positionals.length !== 1) {
		throw new UsageError(
			`fmt takes exactly one FILE (or - for standard input), got ${positionals.length}`
		);
	}
	const { name, text } = await readInput(io, positionals[0]);
	const { ruleset, diagnostics } = parseRuleset(text, forced);

	// Diagnostics go to stderr so that `nfwalk fmt a.rules > b.rules` never writes them into b.rules.
	const format = diagnosticFormatter(name, text);
	for (const d of diagnostics) io.stderr(format(d));
	const { errors } = countSeverities(diagnostics);
	if (errors > 0) {
		// A rule set with errors would print with rules missing; refusing beats a silently shorter file.
		io.stderr(
			`nfwalk: ${name} has ${plural(errors, 'error')}; fmt prints only rule sets without errors\n`
		);
		return EXIT.findings;
	}
	io.stdout(printRuleset(ruleset, values.commands ? 'commands' : 'save'));
	return EXIT.ok;
}
