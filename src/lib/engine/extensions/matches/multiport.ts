import { findOption } from '../define';
import { isError, parsePort, type Parsed, type PortRange } from '../../parse/values';
import type { ExtensionSpec } from '../types';

/** The kernel's array holds 15 ports; a range `a:b` takes two of them. */
const MAX_PORTS = 15;

function parsePortList(text: string): Parsed<PortRange[]> {
	const out: PortRange[] = [];
	let used = 0;
	for (const item of text.split(',')) {
		const colon = item.indexOf(':');
		const from = parsePort(colon < 0 ? item : item.slice(0, colon));
		if (isError(from)) return from;
		let to = from;
		if (colon >= 0) {
			const t = parsePort(item.slice(colon + 1));
			if (isError(t)) return t;
			if (from >= t)
				return {
					error: `invalid port range "${item}": the first port must be lower than the second`
				};
			to = t;
		}
		used += colon >= 0 ? 2 : 1;
		out.push({ from, to });
	}
	if (used > MAX_PORTS) {
		return {
			error: `too many ports in "${text}": at most ${MAX_PORTS} (a range counts as two); split the rule`
		};
	}
	return out;
}

const list = (ports: PortRange[]) =>
	ports.map((p) => (p.from === p.to ? String(p.from) : `${p.from}:${p.to}`)).join(',');

const NAMES = ['sports', 'dports', 'ports'] as const;

/** `-m multiport --dports 22,80,1024:2048`: up to 15 ports or ranges in one rule. */
export const multiport: ExtensionSpec = {
	name: 'multiport',
	kind: 'match',
	summary: 'lists of up to 15 source/destination ports or ranges',
	protocols: ['tcp', 'udp', 'udplite', 'dccp', 'sctp'],
	options: [
		{
			name: 'sports',
			aliases: ['source-ports'],
			invertible: true,
			parse: ([w]) => parsePortList(w)
		},
		{
			name: 'dports',
			aliases: ['destination-ports'],
			invertible: true,
			parse: ([w]) => parsePortList(w)
		},
		{ name: 'ports', invertible: true, parse: ([w]) => parsePortList(w) }
	],
	check(use, ctx) {
		const given = use.options.filter((o) => (NAMES as readonly string[]).includes(o.name));
		if (given.length === 0) {
			ctx.report(
				'error',
				'multiport: give one of --sports, --dports or --ports with a port list',
				undefined,
				'missing-option'
			);
		} else if (given.length > 1) {
			ctx.report(
				'error',
				'multiport: only one of --sports, --dports, --ports per match; add a second -m multiport for the other direction',
				undefined,
				'conflicting-options'
			);
		}
	},
	print(options) {
		for (const name of NAMES) {
			const o = findOption(options, name);
			if (o) return `${o.inverted ? '! ' : ''}--${name} ${list(o.value as PortRange[])}`;
		}
		return '';
	}
};
