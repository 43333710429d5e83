import { findOption, flag, hasOption, printInOrder, unsigned } from '../define';
import type { ExtensionSpec } from '../types';

/** `-j IDLETIMER`: (re)starts a named timer; userspace is notified when no packet hit it for --timeout seconds. */
export const idletimer: ExtensionSpec = {
	name: 'IDLETIMER',
	kind: 'target',
	summary: 'notify userspace when no packet matched for a while',
	options: [
		unsigned('timeout', 0, 0xffffffff),
		// 27 characters fit the kernel's label; iptables cuts longer labels silently.
		{ name: 'label', parse: ([w]) => w.slice(0, 27) },
		flag('alarm')
	],
	check(use, ctx) {
		const o = use.options;
		const err = (m: string) => ctx.report('error', `IDLETIMER: ${m}`);
		for (const n of ['timeout', 'label'])
			if (!hasOption(o, n)) err(`option --${n} must be specified`);
		const t = findOption(o, 'timeout')?.value as number | undefined;
		if (t === 0)
			err(
				'--timeout 0 is refused by the kernel (EINVAL): give the idle time in seconds, 1 or more'
			);
		if (t !== undefined && t >= Math.floor(0x7fffffff / 1000))
			err(
				`--timeout ${t} is too big for the kernel (at most ${Math.floor(0x7fffffff / 1000) - 1} seconds)`
			);
		if (findOption(o, 'label')?.value === '') err('--label must not be empty (EINVAL)');
	},
	print: (o) => printInOrder(o, [{ name: 'timeout' }, { name: 'label' }, { name: 'alarm' }])
};
