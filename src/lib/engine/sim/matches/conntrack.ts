/**
 * `-m conntrack` (and `-m state`, its older spelling of `--ctstate`), as xt_conntrack's
 * conntrack_mt evaluates it: the state test first; a packet without an entry (INVALID,
 * UNTRACKED) then matches only if `--ctstate` was the rule's only kind of test.
 */
import type { OptionValue } from '../../model';
import type { HostMask } from '../../extensions/nat-values';
import { prefixToMask } from '../../parse/values';
import type { CtEntry, CtRef, CtTuple } from '../conntrack-types';
import type { CompiledMatch, MatchCompiler, MatchEnv } from '../compile-types';
import type { Packet } from '../packet';
import { stateTimeout } from '../conntrack/timeouts';
import { inRange, notes, opt } from './build';

const STATE_BIT: Readonly<Record<string, number>> = {
	INVALID: 1,
	ESTABLISHED: 2,
	RELATED: 4,
	NEW: 8,
	UNTRACKED: 16,
	SNAT: 32,
	DNAT: 64
};

/** The state bit of the packet: INVALID before the lookup (raw, §3.1) or when conntrack said so. */
function stateBit(ct: CtRef | null): number {
	return ct ? STATE_BIT[ct.state] : STATE_BIT.INVALID;
}

const NAT_BITS = STATE_BIT.SNAT | STATE_BIT.DNAT;

/** The virtual SNAT/DNAT states: conntrack_mt reads the IPS_SRC_NAT/IPS_DST_NAT status bits. */
export function natBits(e: CtEntry): number {
	return (e.status.srcNat ? STATE_BIT.SNAT : 0) | (e.status.dstNat ? STATE_BIT.DNAT : 0);
}

type EntryTest = (e: CtEntry, ct: CtRef, p: Packet, env: MatchEnv) => boolean;

function addrTest(o: OptionValue, dir: 'orig' | 'reply', side: 'src' | 'dst'): EntryTest {
	const h = o.value as HostMask;
	const mask = prefixToMask(h.prefix);
	const want = (h.address & mask) >>> 0;
	const inv = o.inverted;
	return (e) => ((e[dir][side] & mask) >>> 0 === want) !== inv;
}

function portTest(o: OptionValue, dir: 'orig' | 'reply', side: 'sport' | 'dport'): EntryTest {
	const [lo, hi] = o.value as [number, number];
	const inv = o.inverted;
	return (e) => inRange((e[dir] as CtTuple)[side], lo, hi, inv);
}

/**
 * `nf_ct_expires / HZ` estimated without the table: the default timeout of the entry's state
 * (conntrack/timeouts.ts) less the time since its last packet. A UDP entry counts as a stream
 * once it is assured.
 */
function estimatedTimeLeft(e: CtEntry, now: number): number {
	const timeout = stateTimeout(e);
	return Math.max(0, Math.floor(timeout - (now - e.lastSeen)));
}

const STATUS: readonly (keyof CtEntry['status'])[] = [
	'expected',
	'seenReply',
	'assured',
	'confirmed'
];
const STATUS_NAME = ['EXPECTED', 'SEEN_REPLY', 'ASSURED', 'CONFIRMED'];

function entryTests(options: readonly OptionValue[]): { tests: EntryTest[]; note?: string } {
	const tests: EntryTest[] = [];
	let note: string | undefined;
	for (const o of options) {
		const inv = o.inverted;
		switch (o.name) {
			case 'ctproto': {
				const proto = o.value as number;
				tests.push((e) => (e.orig.proto === proto) !== inv);
				break;
			}
			case 'ctorigsrc':
				tests.push(addrTest(o, 'orig', 'src'));
				break;
			case 'ctorigdst':
				tests.push(addrTest(o, 'orig', 'dst'));
				break;
			case 'ctreplsrc':
				tests.push(addrTest(o, 'reply', 'src'));
				break;
			case 'ctrepldst':
				tests.push(addrTest(o, 'reply', 'dst'));
				break;
			case 'ctorigsrcport':
				tests.push(portTest(o, 'orig', 'sport'));
				break;
			case 'ctorigdstport':
				tests.push(portTest(o, 'orig', 'dport'));
				break;
			case 'ctreplsrcport':
				tests.push(portTest(o, 'reply', 'sport'));
				break;
			case 'ctrepldstport':
				tests.push(portTest(o, 'reply', 'dport'));
				break;
			case 'ctstatus': {
				const names = o.value as string[];
				const keys = STATUS.filter((_, i) => names.includes(STATUS_NAME[i]));
				// Any listed bit set counts; CONFIRMED is false until the entry is confirmed (§3.1).
				tests.push((e) => {
					let any = false;
					for (let i = 0; i < keys.length; i++) any ||= e.status[keys[i]];
					return any !== inv;
				});
				break;
			}
			case 'ctdir': {
				const want = o.value as string;
				tests.push((_, ct) => ct.dir === want);
				break;
			}
			case 'ctexpire': {
				const [lo, hi] = o.value as [number, number];
				tests.push((e, _, p, env) =>
					inRange(
						env.ctTimeLeft ? Math.floor(env.ctTimeLeft(e)) : estimatedTimeLeft(e, p.time),
						lo,
						hi,
						inv
					)
				);
				note =
					'--ctexpire: the remaining lifetime comes from the default timeouts of a stock kernel (conntrack/timeouts.ts)';
				break;
			}
		}
	}
	return { tests, note };
}

/** The state test as a bit mask over the packet's state; -1 when `--ctstate` is absent. */
function stateMask(names: readonly string[] | undefined): number {
	if (!names) return -1;
	let mask = 0;
	for (const n of names) mask |= STATE_BIT[n];
	return mask;
}

class ConntrackMatch implements CompiledMatch {
	constructor(
		readonly mask: number,
		readonly inv: boolean,
		readonly tests: readonly EntryTest[],
		readonly note: string | undefined,
		/** `-m conntrack` adds the SNAT/DNAT bits of a translated entry; `-m state` never does. */
		readonly nat: boolean
	) {}

	test(p: Packet, env: MatchEnv): boolean {
		const ct = env.ct;
		const e = ct?.entry ?? null;
		if (this.mask !== -1) {
			let bits = stateBit(ct);
			if (this.nat && e && this.mask & NAT_BITS) bits |= natBits(e);
			if (((this.mask & bits) !== 0) === this.inv) return false;
		}
		// conntrack_mt: without an entry, a passed state test is the whole answer.
		if (!ct || !e) return this.mask !== -1;
		const t = this.tests;
		for (let i = 0; i < t.length; i++) if (!t[i](e, ct, p, env)) return false;
		return true;
	}
}

export const compileConntrack: MatchCompiler = (options) => {
	const st = opt(options, 'ctstate');
	const names = st?.value as string[] | undefined;
	const { tests, note } = entryTests(options);
	return new ConntrackMatch(stateMask(names), st?.inverted ?? false, tests, notes(note), true);
};

/** `-m state --state LIST`: the state test alone (matched exactly like `--ctstate`, §3.2). */
export const compileState: MatchCompiler = (options) => {
	const st = opt(options, 'state');
	return new ConntrackMatch(
		stateMask(st?.value as string[] | undefined),
		st?.inverted ?? false,
		[],
		undefined,
		false
	);
};
