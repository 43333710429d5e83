/**
 * Targets that continue and whose change nfwalk does not model (a field the packet does not carry,
 * a side channel outside netfilter): each says in words what the kernel would do. One table, as
 * every entry is only a sentence; targets that change what nfwalk models have their own file.
 */
import type { OptionValue } from '../../model';
import type { TargetCompiler } from '../compile-types';
import { ipText, optionValue } from './target-values';

type Describe = (o: readonly OptionValue[]) => string;

const v = <T>(o: readonly OptionValue[], name: string) => optionValue<T>(o, name);

const DESCRIPTIONS: Readonly<Record<string, Describe>> = {
	TCPOPTSTRIP: (o) =>
		`the kernel would replace TCP options ${(v<number[]>(o, 'strip-options') ?? []).join(',')} with NOPs`,
	CHECKSUM: () => 'the kernel would fill in the missing checksum of this packet',
	SECMARK: (o) => `the kernel would label the packet ${v<string>(o, 'selctx') ?? ''} (SELinux)`,
	CONNSECMARK: (o) =>
		v(o, 'save') !== undefined
			? "the kernel would copy the packet's SELinux label to its connection"
			: "the kernel would copy the connection's SELinux label to the packet",
	AUDIT: (o) => `the kernel would write an audit record (type ${v<string>(o, 'type') ?? '?'})`,
	IDLETIMER: (o) =>
		`the kernel would restart idle timer "${v<string>(o, 'label') ?? ''}" (${v<number>(o, 'timeout') ?? 0} s)`,
	LED: (o) =>
		`the kernel would blink LED trigger netfilter-${v<string>(o, 'led-trigger-id') ?? ''}`,
	RATEEST: (o) =>
		`the kernel would count this packet in rate estimator "${v<string>(o, 'rateest-name') ?? ''}" (for -m rateest)`,
	HMARK: () =>
		'the kernel would set the mark from a hash of the packet tuple (modulo --hmark-mod, plus --hmark-offset), which nfwalk does not compute: later mark matches see the old mark',
	TEE: (o) =>
		`the kernel would send a copy of this packet to ${ipText(v<number>(o, 'gateway') ?? 0)} (nfwalk makes no copy)`,
	CLUSTERIP: () =>
		'CLUSTERIP was removed in Linux 6.3: a current kernel cannot load this rule at all'
};

/** The names this file answers for. */
export const DESCRIBED_TARGETS = Object.keys(DESCRIPTIONS);

export const compileDescribed =
	(name: string): TargetCompiler =>
	(options) => {
		const what = `${DESCRIPTIONS[name](options)}; nfwalk does not change the packet`;
		return {
			run: () => ({ verdict: 'CONTINUE', effect: { type: 'other', what, changed: false } })
		};
	};
