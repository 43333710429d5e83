import { hasOption, printInOrder, text, unsigned } from '../define';
import { saveString } from '../../parse/values';
import type { ExtensionSpec } from '../types';

/** `-m cgroup --path PATH` or `--cgroup CLASSID`: the sending socket's control group. */
export const cgroup: ExtensionSpec = {
	name: 'cgroup',
	kind: 'match',
	summary: 'control group (v2 path or net_cls classid) of the local socket',
	// Only locally generated or locally delivered packets have a socket.
	hooks: ['INPUT', 'OUTPUT', 'POSTROUTING'],
	options: [
		text('path', 4095, { invertible: true }),
		unsigned('cgroup', 0, 0xffffffff, { invertible: true })
	],
	check(use, ctx) {
		const p = hasOption(use.options, 'path');
		const c = hasOption(use.options, 'cgroup');
		if (!p && !c)
			ctx.report(
				'error',
				'cgroup: give --path PATH (cgroup v2) or --cgroup CLASSID; the kernel refuses neither (EINVAL)',
				undefined,
				'missing-option'
			);
		if (p && c)
			ctx.report(
				'error',
				'cgroup: --path and --cgroup cannot be combined; the kernel refuses both together (EINVAL): use two rules',
				undefined,
				'conflicting-options'
			);
	},
	print: (options) =>
		printInOrder(options, [
			{ name: 'path', format: (v: string) => saveString(v) },
			{ name: 'cgroup' }
		])
};
