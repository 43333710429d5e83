import { flag, hasOption, findOption, text } from '../define';
import { leadingUint } from '../nat-values';
import { protocolNumber } from '../../parse/protocols';
import type { Parsed } from '../../parse/values';
import type { OptionValue } from '../../model';
import type { ExtensionSpec, OptionSpec } from '../types';

/** Event names in the order iptables lists them (bit order). */
const CT_EVENTS = [
	'new',
	'related',
	'destroy',
	'reply',
	'assured',
	'protoinfo',
	'helper',
	'mark',
	'natseqinfo',
	'secmark'
];
const EXP_EVENTS = ['new'];

/** Helpers the kernel registers by name, with the protocol each is registered for. */
const HELPERS: Readonly<Record<string, readonly number[]>> = {
	ftp: [6],
	irc: [6],
	sip: [6, 17],
	tftp: [17],
	amanda: [17],
	pptp: [6],
	sane: [6],
	'netbios-ns': [17],
	snmp: [17],
	snmp_trap: [17],
	RAS: [17],
	'Q.931': [6],
	'H.245': [6]
};

function events(name: string, table: readonly string[]): OptionSpec<string[]> {
	return {
		name,
		parse([w]): Parsed<string[]> {
			const list = w.split(',');
			const bad = list.find((e) => !table.includes(e));
			if (bad !== undefined)
				return { error: `unknown event type "${bad}" for --${name} (use ${table.join(', ')})` };
			return table.filter((e) => list.includes(e));
		}
	};
}

/** `--zone ID|mark` and its one-direction forms. */
function zone(name: string): OptionSpec<number | 'mark'> {
	return {
		name,
		parse([w]) {
			if (w.toLowerCase() === 'mark') return 'mark';
			const n = leadingUint(w, 0, 65535);
			return n && n.rest === ''
				? n.value
				: { error: `cannot parse "${w}" as a zone ID: write a number 0–65535 or "mark"` };
		}
	};
}

/**
 * The zone as the kernel keeps it, as the one option iptables lists: the last ID given, the
 * directions named, and whether any was `mark`; null for zone 0, which is no zone at all.
 */
function zoneOption(options: readonly OptionValue[]): OptionValue | null {
	let id = 0;
	let mark = false;
	let orig = false;
	let reply = false;
	let last: OptionValue | null = null;
	for (const o of options) {
		if (!o.name.startsWith('zone')) continue;
		last = o;
		if (o.name === 'zone-orig') orig = true;
		if (o.name === 'zone-reply') reply = true;
		if (o.value === 'mark') {
			mark = true;
			id = 0;
		} else id = o.value as number;
	}
	if (!last || (!mark && id === 0)) return null;
	const dir = orig && !reply ? '-orig' : reply && !orig ? '-reply' : '';
	return { name: `zone${dir}`, inverted: false, value: mark ? 'mark' : id, span: last.span };
}

/** Options that iptables does not list: an empty helper, timeout or event list. */
function listed(o: OptionValue): boolean {
	if (o.name === 'helper' || o.name === 'timeout') return o.value !== '';
	if (o.name === 'ctevents' || o.name === 'expevents') return (o.value as string[]).length > 0;
	return !o.name.startsWith('zone');
}

/** `-j CT`: sets up the packet's conntrack entry: no tracking, a helper, events, zone, timeout policy. */
export const ct: ExtensionSpec = {
	name: 'CT',
	kind: 'target',
	summary: 'conntrack setup: --notrack, --helper, --zone, --ctevents, --timeout (raw)',
	tables: ['raw'],
	options: [
		flag('notrack'),
		text('helper', 15),
		text('timeout', 31),
		events('ctevents', CT_EVENTS),
		events('expevents', EXP_EVENTS),
		zone('zone-orig'),
		zone('zone-reply'),
		zone('zone')
	],
	check(use, ctx) {
		const helper = findOption(use.options, 'helper')?.value as string | undefined;
		if (helper !== undefined && !hasOption(use.options, 'notrack')) {
			const p = ctx.rule.protocol;
			const proto = p && !p.inverted ? protocolNumber(p.value) : 0;
			if (!proto) {
				ctx.report(
					'error',
					`CT --helper ${helper} needs -p (not inverted) in the same rule, e.g. -p tcp; the kernel refuses it otherwise (ENOENT)`
				);
			} else if (!HELPERS[helper]?.includes(proto)) {
				ctx.report(
					'warning',
					`CT --helper ${helper}: the kernel has no helper of that name for -p ${p!.value} (known: ftp, irc, sip, tftp, pptp, …); loading fails (ENOENT) unless a module provides it`
				);
			}
		}
		const timeout = findOption(use.options, 'timeout')?.value as string | undefined;
		if (timeout !== undefined && !hasOption(use.options, 'notrack')) {
			ctx.report(
				'warning',
				`CT --timeout ${timeout}: the timeout policy must exist (created with \`nfct add timeout ${timeout} …\`), else the kernel refuses the rule (ENOENT)`
			);
		}
	},
	// The model holds what the kernel keeps, as iptables lists it, so a rule and its printed form
	// read the same: one zone option at most, no empty helper, timeout or event list.
	normalize(options) {
		const z = zoneOption(options);
		const kept = options.filter(listed);
		return z ? [...kept, z] : kept;
	},
	print(options) {
		const out: string[] = [];
		if (hasOption(options, 'notrack')) out.push('--notrack');
		const helper = findOption(options, 'helper');
		if (helper && helper.value !== '') out.push(`--helper ${helper.value}`);
		const timeout = findOption(options, 'timeout');
		if (timeout && timeout.value !== '') out.push(`--timeout ${timeout.value}`);
		for (const name of ['ctevents', 'expevents']) {
			const e = findOption(options, name);
			if (e && (e.value as string[]).length)
				out.push(`--${name} ${(e.value as string[]).join(',')}`);
		}
		const z = zoneOption(options);
		if (z) out.push(`--${z.name} ${z.value}`);
		return out.join(' ');
	}
};
