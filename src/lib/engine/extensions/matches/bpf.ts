import { findOption, hasOption, text } from '../define';
import type { Parsed } from '../../parse/values';
import type { ExtensionSpec } from '../types';

/** The kernel's limit on a classic BPF program in xt_bpf. */
const MAX_INSTR = 64;

type Insn = [number, number, number, number];

/** `N,code jt jf k,code jt jf k,…` as `nfbpf_compile` prints it. */
function parseBytecode(w: string): Parsed<Insn[]> {
	const [head, ...rest] = w.split(',');
	const n = /^\s*[0-9]+\s*$/.test(head) ? Number(head) : NaN;
	if (Number.isNaN(n))
		return {
			error: `bytecode "${w}" must start with the instruction count (as nfbpf_compile prints it)`
		};
	if (n === 0) return { error: 'a BPF program needs at least one instruction' };
	if (n > MAX_INSTR)
		return { error: `BPF program has ${n} instructions; the kernel takes at most ${MAX_INSTR}` };
	if (rest.length !== n)
		return { error: `bytecode declares ${n} instructions but has ${rest.length}` };
	const out: Insn[] = [];
	for (const [i, insn] of rest.entries()) {
		const f = insn.trim().split(/\s+/);
		const nums = f.map(Number);
		const ok =
			f.length === 4 &&
			f.every((x) => /^[0-9]+$/.test(x)) &&
			nums[0] <= 0xffff &&
			nums[1] <= 255 &&
			nums[2] <= 255 &&
			nums[3] <= 0xffffffff;
		if (!ok)
			return { error: `BPF instruction ${i + 1} "${insn}" must be four numbers: code jt jf k` };
		out.push(nums as Insn);
	}
	return out;
}

/** `-m bpf --bytecode "N,…"` or `--object-pinned PATH`: a BPF program decides. */
export const bpf: ExtensionSpec = {
	name: 'bpf',
	kind: 'match',
	summary: 'a BPF program (bytecode or pinned eBPF object) decides',
	options: [{ name: 'bytecode', parse: ([w]) => parseBytecode(w) }, text('object-pinned', 511)],
	check(use, ctx) {
		const b = hasOption(use.options, 'bytecode');
		const p = hasOption(use.options, 'object-pinned');
		if (!b && !p)
			ctx.report(
				'error',
				'bpf: give --bytecode "N,…" (from nfbpf_compile) or --object-pinned PATH',
				undefined,
				'missing-option'
			);
		if (b && p)
			ctx.report(
				'error',
				'bpf: --bytecode and --object-pinned cannot be combined: keep one',
				undefined,
				'conflicting-options'
			);
	},
	print(options) {
		const b = findOption(options, 'bytecode');
		if (b) {
			const prog = b.value as Insn[];
			return `--bytecode "${[String(prog.length), ...prog.map((i) => i.join(' '))].join(',')}"`;
		}
		const p = findOption(options, 'object-pinned');
		return p ? `--object-pinned ${p.value}` : '';
	}
};
