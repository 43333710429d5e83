import { findOption, flag, hasOption, unsigned } from '../define';
import { isError, type Parsed } from '../../parse/values';
import type { PortRange as Range } from '../../parse/values';
import { checkExclusive, parseU16Range, sortedBy } from '../mangle-values';
import type { ExtensionSpec } from '../types';

function parseBalance([w]: string[]): Parsed<Range> {
	const r = parseU16Range(w);
	if (isError(r)) return r;
	if (r.count !== 2)
		return {
			error: `--queue-balance needs a range FIRST:LAST, not "${w}" (for one queue use --queue-num ${r.from})`
		};
	if (r.from >= r.to)
		return { error: `--queue-balance ${w}: ${r.from} should be less than ${r.to}` };
	return { from: r.from, to: r.to };
}

/** `-j NFQUEUE`: hands the packet to a userspace program through nfnetlink_queue for a verdict. */
export const nfqueue: ExtensionSpec = {
	name: 'NFQUEUE',
	kind: 'target',
	summary: 'queue the packet to a userspace program for a verdict',
	options: [
		unsigned('queue-num', 0, 65535),
		{ name: 'queue-balance', parse: parseBalance },
		flag('queue-bypass'),
		flag('queue-cpu-fanout')
	],
	check(use, ctx) {
		checkExclusive('NFQUEUE', use, ctx, ['queue-num', 'queue-balance']);
		if (hasOption(use.options, 'queue-cpu-fanout') && !hasOption(use.options, 'queue-balance')) {
			ctx.report(
				'error',
				'NFQUEUE: --queue-cpu-fanout needs --queue-balance FIRST:LAST (it picks a queue of that range by CPU)',
				undefined,
				'missing-option'
			);
		}
		const balance = findOption(use.options, 'queue-balance')?.value as Range | undefined;
		// The kernel counts the queues in 16 bits: 0:65535 wraps to 0 queues (EINVAL).
		if (balance && balance.to - balance.from + 1 > 65535) {
			ctx.report(
				'error',
				'NFQUEUE: --queue-balance 0:65535 spans 65536 queues, which the kernel refuses (EINVAL); end the range at 65534',
				undefined,
				'kernel-refuses'
			);
		}
	},
	normalize(options, span) {
		// Queue 0 is the default the listing always names.
		const num =
			hasOption(options, 'queue-balance') || hasOption(options, 'queue-num')
				? []
				: [{ name: 'queue-num', inverted: false, value: 0, span }];
		return sortedBy(
			[...num, ...options],
			['queue-num', 'queue-balance', 'queue-bypass', 'queue-cpu-fanout']
		);
	},
	print(options) {
		const balance = findOption(options, 'queue-balance')?.value as Range | undefined;
		const num = (findOption(options, 'queue-num')?.value as number | undefined) ?? 0;
		const out = [balance ? `--queue-balance ${balance.from}:${balance.to}` : `--queue-num ${num}`];
		if (hasOption(options, 'queue-bypass')) out.push('--queue-bypass');
		if (hasOption(options, 'queue-cpu-fanout')) out.push('--queue-cpu-fanout');
		return out.join(' ');
	}
};
