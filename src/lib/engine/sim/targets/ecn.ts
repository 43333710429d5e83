/**
 * `-j ECN` (ipt_ECN ecn_tg): `--ecn-ip-ect` sets the two ECN bits of the TOS byte; `--ecn-tcp-ece`
 * and `--ecn-tcp-cwr` (and `--ecn-tcp-remove`, stored as both 0) set those TCP flags — on TCP
 * packets only, whatever the rule says.
 */
import type { TargetCompiler } from '../compile-types';
import { IPPROTO, TCP_FLAG } from '../packet';
import { hasOpt, optionValue } from './target-values';

function setBit(flags: number, bit: number, on: number | undefined): number {
	if (on === undefined) return flags;
	return on ? flags | bit : flags & ~bit;
}

export const compileEcn: TargetCompiler = (options) => {
	// The parser lists clearing both TCP bits as `--ecn-tcp-remove`.
	const remove = hasOpt(options, 'ecn-tcp-remove') ? 0 : undefined;
	const ect = optionValue<number>(options, 'ecn-ip-ect');
	const ece = optionValue<number>(options, 'ecn-tcp-ece') ?? remove;
	const cwr = optionValue<number>(options, 'ecn-tcp-cwr') ?? remove;
	return {
		run(p) {
			const before = { tos: p.tos, flags: p.flags };
			if (ect !== undefined) p.tos = (p.tos & ~0x03) | ect;
			if (p.proto === IPPROTO.tcp)
				p.flags = setBit(setBit(p.flags, TCP_FLAG.ECE, ece), TCP_FLAG.CWR, cwr);
			const after = { tos: p.tos, flags: p.flags };
			return { verdict: 'CONTINUE', effect: { type: 'ecn', before, after } };
		}
	};
};
