/** The help text and version, kept apart so the commands stay about their own work. */
import { readFileSync } from 'node:fs';

export const USAGE = `Usage: nfwalk <command> [options] FILE…

Commands:
  check FILE…   report errors and warnings in iptables rule sets
  fmt FILE      print a rule set in canonical iptables-save form
  trace SCENARIO
                walk a scenario's packets through its host and rules
  link SCENARIO print a link that opens the scenario in the app

Input files are iptables-save/iptables-restore files or shell scripts of
iptables commands (detected); a SCENARIO is a JSON file with a host, its
rules and packets (docs/scenario-format.md), or a share link to one (as the
argument, or the text of the file or of standard input); "-" reads standard
input.

Options:
  --input restore|script   treat input as a restore file or a script (default: detected)
  --format text|json       check: output for people (default) or a JSON document for tools
  --format text|json|kernel
                           trace: a readable walk (default), the full trace as JSON, or
                           the lines xtables-monitor --trace would print, normalised
  --color auto|always|never
                           trace: colour the text walk (default: on a terminal)
  --commands               fmt: print "iptables -t TABLE -A …" commands instead
  --base URL               link: the app's address (default: $NFWALK_BASE_URL, else
                           http://localhost:4173/, where "npm start" serves it)
  -h, --help               show this help
  --version                show the version

Exit codes: 0 no errors, 1 errors found (trace then prints no trace),
2 usage error or unreadable file, 3 internal error.
`;

/** The package version; read at call time so tests and the bin need no JSON import support. */
export function version(): string {
	const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
		version: string;
	};
	return pkg.version;
}
