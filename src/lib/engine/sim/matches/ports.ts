/**
 * The protocol-header matches (`-m tcp`, `-m udp`, the port part of `-m sctp`/`-m dccp`) as one
 * class: a shared `test` method over plain fields, so a call site that meets thousands of these
 * rules stays monomorphic (one method, inlined) instead of calling thousands of closures.
 */
import type { OptionValue } from '../../model';
import type { PortRange } from '../../parse/values';
import type { CompiledMatch } from '../compile-types';
import type { Packet } from '../packet';
import { opt } from './build';

export interface HeaderTests {
	proto: number;
	options: readonly OptionValue[];
	/** `--tcp-flags` as `{ mask, comp }`, inverted with `!`. */
	flags?: OptionValue;
	/** A TCP option kind the packet is asked to carry; nfwalk models MSS (kind 2) alone. */
	tcpOption?: OptionValue;
	note?: string;
}

export class HeaderMatch implements CompiledMatch {
	readonly proto: number;
	readonly sLo: number;
	readonly sHi: number;
	readonly sInv: boolean;
	readonly dLo: number;
	readonly dHi: number;
	readonly dInv: boolean;
	readonly flagMask: number;
	readonly flagComp: number;
	readonly flagInv: boolean;
	/** `--tcp-option`: the kind asked for (-1: no test), and its `!`. */
	readonly optionKind: number;
	readonly optionInv: boolean;
	readonly note: string | undefined;

	constructor(t: HeaderTests) {
		const s = opt(t.options, 'sport');
		const d = opt(t.options, 'dport');
		const sr = (s?.value as PortRange | undefined) ?? { from: 0, to: 65535 };
		const dr = (d?.value as PortRange | undefined) ?? { from: 0, to: 65535 };
		this.proto = t.proto;
		this.sLo = sr.from;
		this.sHi = sr.to;
		this.sInv = s?.inverted ?? false;
		this.dLo = dr.from;
		this.dHi = dr.to;
		this.dInv = d?.inverted ?? false;
		const f = (t.flags?.value as { mask: number; comp: number } | undefined) ?? {
			mask: 0,
			comp: 0
		};
		this.flagMask = f.mask;
		this.flagComp = f.comp;
		this.flagInv = t.flags?.inverted ?? false;
		this.optionKind = t.tcpOption ? (t.tcpOption.value as number) : -1;
		this.optionInv = t.tcpOption?.inverted ?? false;
		this.note = t.note;
	}

	test(p: Packet): boolean {
		return (
			p.proto === this.proto &&
			(p.sport >= this.sLo && p.sport <= this.sHi) !== this.sInv &&
			(p.dport >= this.dLo && p.dport <= this.dHi) !== this.dInv &&
			((p.flags & this.flagMask) === this.flagComp) !== this.flagInv &&
			(this.optionKind < 0 || (this.optionKind === 2 && p.mss !== null) !== this.optionInv)
		);
	}
}
