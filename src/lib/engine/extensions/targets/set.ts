import { findOption, flag, hasOption } from '../define';
import type { ExtensionSpec } from '../types';
import type { Hook } from '../../model';
import { isError, parseUnsigned } from '../../parse/values';
import { formatSetRef, setRefOption, warnHostSet, type SetRef } from '../set-values';

const MAP_FLAGS = ['map-mark', 'map-prio', 'map-queue'];
/** The kernel maps priority and queue only where the packet is on its way out. */
const PRIO_QUEUE_HOOKS: readonly Hook[] = ['FORWARD', 'OUTPUT', 'POSTROUTING'];

/** `-j SET`: adds or deletes the packet's addresses/ports to/from an ipset, or maps set data onto the packet. */
export const setTarget: ExtensionSpec = {
	name: 'SET',
	kind: 'target',
	summary: 'add to, delete from, or map from an ipset',
	options: [
		setRefOption('add-set'),
		setRefOption('del-set'),
		flag('exist'),
		{
			name: 'timeout',
			parse: ([w]) => {
				const n = parseUnsigned(w, 0, 0xfffffffe);
				return isError(n)
					? { error: `invalid value for --timeout "${w}" (0–4294967294 seconds)` }
					: n;
			}
		},
		setRefOption('map-set'),
		...MAP_FLAGS.map((f) => flag(f))
	],
	hooksFor: (o) =>
		hasOption(o, 'map-set') && (hasOption(o, 'map-prio') || hasOption(o, 'map-queue'))
			? PRIO_QUEUE_HOOKS
			: undefined,
	check(use, ctx) {
		const o = use.options;
		const err = (m: string) => ctx.report('error', `SET: ${m}`);
		const refs = ['add-set', 'del-set', 'map-set']
			.map((n) => findOption(o, n))
			.filter((x) => x !== undefined);
		if (!refs.length) err('give --add-set NAME DIRS, --del-set NAME DIRS or --map-set NAME DIRS');
		for (const r of refs) warnHostSet(r.value as SetRef, ctx);
		if (!hasOption(o, 'add-set')) {
			if (hasOption(o, 'exist')) err('--exist can be used with --add-set only');
			if (hasOption(o, 'timeout')) err('--timeout can be used with --add-set only');
		}
		const maps = MAP_FLAGS.filter((f) => hasOption(o, f));
		if (!hasOption(o, 'map-set')) {
			for (const f of maps) err(`--${f} can be used with --map-set only`);
		} else {
			if (!maps.length) err('--map-set needs what to map: --map-mark, --map-prio or --map-queue');
			if (ctx.table !== 'mangle')
				err('--map-set works only in the mangle table; the kernel refuses it elsewhere (EINVAL)');
		}
	},
	print(o) {
		const out: string[] = [];
		const ref = (n: string) => {
			const r = findOption(o, n);
			if (r) out.push(`--${n} ${formatSetRef(r.value as SetRef)}`);
		};
		ref('add-set');
		if (hasOption(o, 'exist')) out.push('--exist');
		const t = findOption(o, 'timeout');
		if (t) out.push(`--timeout ${t.value as number}`);
		ref('del-set');
		ref('map-set');
		for (const f of MAP_FLAGS) if (hasOption(o, f)) out.push(`--${f}`);
		return out.join(' ');
	}
};
