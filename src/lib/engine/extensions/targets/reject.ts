import { findOption } from '../define';
import type { Parsed } from '../../parse/values';
import { isTcpRule } from '../mangle-values';
import type { ExtensionSpec } from '../types';

/** Reply types in the order iptables tries them, each with its short alias. */
const TYPES: readonly [string, string][] = [
	['icmp-net-unreachable', 'net-unreach'],
	['icmp-host-unreachable', 'host-unreach'],
	['icmp-proto-unreachable', 'proto-unreach'],
	['icmp-port-unreachable', 'port-unreach'],
	['icmp-net-prohibited', 'net-prohib'],
	['icmp-host-prohibited', 'host-prohib'],
	['tcp-reset', 'tcp-rst'],
	['icmp-admin-prohibited', 'admin-prohib']
];

const DEFAULT = 'icmp-port-unreachable';

/** iptables takes any case-insensitive prefix of a name or alias; the first type that fits wins. */
function parseType([w]: string[]): Parsed<string> {
	const lower = w.toLowerCase();
	const found = TYPES.find(([name, alias]) => name.startsWith(lower) || alias.startsWith(lower));
	if (found) return found[0];
	const hint = /^echo-?reply$/.test(lower) ? ' (echo-reply is no longer supported)' : '';
	return {
		error: `unknown reject type "${w}"${hint}: use one of ${TYPES.map(([n]) => n).join(', ')}`
	};
}

/** `-j REJECT`: drops the packet and answers with an ICMP error or a TCP reset. */
export const reject: ExtensionSpec = {
	name: 'REJECT',
	kind: 'target',
	summary: 'drop the packet and send an ICMP error or TCP reset back',
	tables: ['filter'],
	hooks: ['INPUT', 'FORWARD', 'OUTPUT'],
	options: [{ name: 'reject-with', parse: parseType }],
	check(use, ctx) {
		if (findOption(use.options, 'reject-with')?.value === 'tcp-reset' && !isTcpRule(ctx)) {
			ctx.report(
				'error',
				'REJECT --reject-with tcp-reset needs -p tcp (not inverted) in the same rule; the kernel refuses it otherwise (EINVAL)',
				undefined,
				'protocol-required'
			);
		}
	},
	normalize: (options, span) =>
		options.length
			? [...options]
			: [{ name: 'reject-with', inverted: false, value: DEFAULT, span }],
	// iptables-save always names the type, the default included.
	print: (options) =>
		`--reject-with ${(findOption(options, 'reject-with')?.value as string | undefined) ?? DEFAULT}`
};
