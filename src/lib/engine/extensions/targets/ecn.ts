import { flag, unsigned } from '../define';
import type { OptionValue } from '../../model';
import { checkExclusive, isTcpRule, requireOne } from '../mangle-values';
import type { ExtensionSpec } from '../types';

/** What the options add up to, applied in the order given as iptables applies them. */
interface EcnOps {
	ece?: number;
	cwr?: number;
	ect?: number;
}

function fold(options: readonly OptionValue[]): EcnOps {
	let ops: EcnOps = {};
	for (const o of options) {
		// --ecn-tcp-remove overwrites the whole operation, an earlier --ecn-ip-ect included.
		if (o.name === 'ecn-tcp-remove') ops = { ece: 0, cwr: 0 };
		else if (o.name === 'ecn-tcp-ece') ops.ece = o.value as number;
		else if (o.name === 'ecn-tcp-cwr') ops.cwr = o.value as number;
		else if (o.name === 'ecn-ip-ect') ops.ect = o.value as number;
	}
	return ops;
}

const ALL = ['ecn-tcp-remove', 'ecn-tcp-cwr', 'ecn-tcp-ece', 'ecn-ip-ect'];

/** The operations as iptables-save lists them: `--ecn-tcp-remove` for clearing both TCP bits only. */
function listed(ops: EcnOps): [string, number | true][] {
	if (ops.ece === 0 && ops.cwr === 0 && ops.ect === undefined) return [['ecn-tcp-remove', true]];
	const out: [string, number | true][] = [];
	if (ops.ece !== undefined) out.push(['ecn-tcp-ece', ops.ece]);
	if (ops.cwr !== undefined) out.push(['ecn-tcp-cwr', ops.cwr]);
	if (ops.ect !== undefined) out.push(['ecn-ip-ect', ops.ect]);
	return out;
}

/** `-j ECN`: clears or sets ECN bits in the TCP or IP header (mangle table only). */
export const ecnTarget: ExtensionSpec = {
	name: 'ECN',
	kind: 'target',
	summary: 'clear or set ECN bits in the TCP and IP headers',
	tables: ['mangle'],
	options: [
		flag('ecn-tcp-remove'),
		unsigned('ecn-tcp-cwr', 0, 1),
		unsigned('ecn-tcp-ece', 0, 1),
		unsigned('ecn-ip-ect', 0, 3)
	],
	check(use, ctx) {
		checkExclusive('ECN', use, ctx, ['ecn-tcp-remove', 'ecn-tcp-cwr']);
		checkExclusive('ECN', use, ctx, ['ecn-tcp-remove', 'ecn-tcp-ece']);
		requireOne(
			use,
			ctx,
			ALL,
			'ECN needs an operation: --ecn-tcp-remove, --ecn-tcp-cwr 0|1, --ecn-tcp-ece 0|1 or --ecn-ip-ect 0–3'
		);
		const ops = fold(use.options);
		if ((ops.ece !== undefined || ops.cwr !== undefined) && !isTcpRule(ctx)) {
			ctx.report(
				'error',
				'ECN: changing TCP bits needs -p tcp (not inverted) in the same rule; the kernel refuses it otherwise (EINVAL)',
				undefined,
				'protocol-required'
			);
		}
	},
	normalize(options) {
		if (!options.length) return [];
		const span = options[0].span;
		return listed(fold(options)).map(([name, value]) => ({ name, inverted: false, value, span }));
	},
	print: (options) =>
		listed(fold(options))
			.map(([name, value]) => (value === true ? `--${name}` : `--${name} ${value}`))
			.join(' ')
};
