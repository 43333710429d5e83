import { flag, printInOrder } from '../define';
import { isError, parseUnsigned, saveString, type Parsed } from '../../parse/values';
import { logPrefix, sortedBy } from '../mangle-values';
import type { OptionValue } from '../../model';
import type { ExtensionSpec } from '../types';

/** syslog level names libxtables knows; `error` and `panic` are its deprecated spellings. */
const LEVELS: Readonly<Record<string, number>> = {
	emerg: 0,
	panic: 0,
	alert: 1,
	crit: 2,
	error: 3,
	warning: 4,
	notice: 5,
	info: 6,
	debug: 7
};

/** The kernel's default level, which iptables-save leaves out. */
const DEFAULT_LEVEL = 4;

const ORDER = [
	'log-prefix',
	'log-level',
	'log-tcp-sequence',
	'log-tcp-options',
	'log-ip-options',
	'log-uid',
	'log-macdecode'
];

const withoutDefault = (options: readonly OptionValue[]) =>
	options.filter((o) => !(o.name === 'log-level' && o.value === DEFAULT_LEVEL));

function parseLevel([w]: string[]): Parsed<number> {
	const n = parseUnsigned(w, 0, 7);
	if (!isError(n)) return n;
	// Names are matched exactly (bsearch with strcmp): `Alert` and `err` are unknown.
	if (Object.hasOwn(LEVELS, w)) return LEVELS[w];
	return {
		error: `log level "${w}" unknown (use 0–7 or one of ${Object.keys(LEVELS).join(', ')})`
	};
}

/** `-j LOG`: logs the packet to the kernel log and continues with the next rule. */
export const log: ExtensionSpec = {
	name: 'LOG',
	kind: 'target',
	summary: 'log the packet to the kernel log, then continue',
	options: [
		{ name: 'log-level', parse: parseLevel },
		// The kernel keeps 29 bytes of the prefix (char[30]); iptables cuts longer ones silently.
		{ name: 'log-prefix', parse: logPrefix('log-prefix', 29) },
		flag('log-tcp-sequence'),
		flag('log-tcp-options'),
		flag('log-ip-options'),
		flag('log-uid'),
		flag('log-macdecode')
	],
	normalize: (options) => sortedBy(withoutDefault(options), ORDER),
	print: (options) =>
		printInOrder(
			withoutDefault(options),
			ORDER.map((name) =>
				name === 'log-prefix' ? { name, format: (v: string) => saveString(v) } : { name }
			)
		)
};
