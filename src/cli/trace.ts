/**
 * `nfwalk trace SCENARIO`: reads a scenario file (or a share link), parses its rules and prints the trace of every
 * packet. A scenario or rule set with errors prints its diagnostics and no trace, as
 * iptables-restore applies nothing from a bad file either.
 */
import { parseRuleset, type Diagnostic } from '../lib/engine/index';
import { formatJson, formatKernel, formatText } from '../lib/engine/sim/format/index';
import { simulate } from '../lib/engine/sim/simulate';
import { parseScenario } from '../lib/scenario/index';
import { choice, parseCommandArgs } from './args';
import { countSeverities, diagnosticFormatter, plural } from './format';
import { EXIT, UsageError, type Io } from './io';
import { readScenarioInput } from './scenario-input';
import { USAGE } from './usage';

/** Where diagnostics about the `rules` text say they are: `rules:LINE:COL`. */
export const RULES_FILE_NAME = 'rules';

/** Colour by default only on a terminal, and never when NO_COLOR is set (no-color.org). */
function wantColour(when: 'auto' | 'always' | 'never'): boolean {
	if (when !== 'auto') return when === 'always';
	return process.stdout.isTTY === true && !process.env.NO_COLOR;
}

export async function runTrace(args: string[], io: Io): Promise<number> {
	const { values, positionals } = parseCommandArgs('trace', args, {
		help: { type: 'boolean', short: 'h' },
		format: { type: 'string' },
		color: { type: 'string' }
	});
	if (values.help) {
		io.stdout(USAGE);
		return EXIT.ok;
	}
	const output = choice('--format', values.format, ['text', 'json', 'kernel'], 'text');
	const colour = choice('--color', values.color, ['auto', 'always', 'never'], 'auto');
	if (positionals.length !== 1) {
		throw new UsageError(
			`trace takes exactly one SCENARIO file (or - for standard input), got ${positionals.length}`
		);
	}
	const input = await readScenarioInput(io, positionals[0]);
	if (!input.ok) {
		io.stderr(`nfwalk: ${input.message}\n`);
		return EXIT.findings;
	}
	const { name, text } = input;

	const parsed = parseScenario(text);
	const rules = parsed.scenario ? parseRuleset(parsed.scenario.rules) : null;
	// Diagnostics go to stderr so that `nfwalk trace s.json > trace.txt` holds the trace alone.
	report(io, name, text, parsed.diagnostics);
	if (rules && parsed.scenario)
		report(io, RULES_FILE_NAME, parsed.scenario.rules, rules.diagnostics);
	const errors =
		countSeverities(parsed.diagnostics).errors + countSeverities(rules?.diagnostics ?? []).errors;
	if (errors > 0 || !parsed.host || !rules) {
		io.stderr(`nfwalk: ${name} has ${plural(errors, 'error')}; no trace\n`);
		return EXIT.findings;
	}

	const trace = simulate(parsed.host, rules.ruleset, parsed.packets);
	if (output === 'json') io.stdout(formatJson(trace));
	else if (output === 'kernel') io.stdout(formatKernel(trace, rules.ruleset));
	else {
		io.stdout(
			formatText(trace, {
				ruleset: rules.ruleset,
				source: parsed.scenario?.rules,
				colour: wantColour(colour)
			})
		);
	}
	return EXIT.ok;
}

function report(io: Io, file: string, source: string, diagnostics: readonly Diagnostic[]): void {
	const format = diagnosticFormatter(file, source);
	for (const d of diagnostics) io.stderr(format(d));
}
