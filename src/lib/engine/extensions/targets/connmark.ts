import { hasOption } from '../define';
import { hex32, markMask, wholeUint } from '../nat-values';
import type { OptionValue } from '../../model';
import type { ExtensionSpec, OptionSpec } from '../types';

const OPERATIONS = [
	'set-xmark',
	'set-mark',
	'and-mark',
	'or-mark',
	'xor-mark',
	'save-mark',
	'restore-mark'
];

const u32 = (name: string): OptionSpec<number> => ({
	name,
	parse: ([w]) => wholeUint(w, 0, 0xffffffff, name)
});
const markOpt = (name: string): OptionSpec => ({ name, parse: ([w]) => markMask(w, name) });
const shift = (name: string): OptionSpec<number> => ({
	name,
	parse: ([w]) => wholeUint(w, 0, 32, name)
});

interface ConnmarkState {
	mode: 'set' | 'save' | 'restore' | null;
	ctmark: number;
	ctmask: number;
	nfmask: number;
	shift: { dir: 'left' | 'right'; bits: number };
}

/** Replays the options in order, as libxt_CONNMARK fills its one structure (later options overwrite). */
function fold(options: readonly OptionValue[]): ConnmarkState {
	const s: ConnmarkState = {
		mode: null,
		ctmark: 0,
		ctmask: 0xffffffff,
		nfmask: 0xffffffff,
		shift: { dir: 'left', bits: 0 }
	};
	for (const o of options) {
		const v = o.value as number;
		const mm = o.value as { value: number; mask: number };
		switch (o.name) {
			case 'set-xmark':
				Object.assign(s, { mode: 'set', ctmark: mm.value, ctmask: mm.mask });
				break;
			case 'set-mark':
				Object.assign(s, { mode: 'set', ctmark: mm.value, ctmask: (mm.value | mm.mask) >>> 0 });
				break;
			case 'and-mark':
				Object.assign(s, { mode: 'set', ctmark: 0, ctmask: ~v >>> 0 });
				break;
			case 'or-mark':
				Object.assign(s, { mode: 'set', ctmark: v, ctmask: v });
				break;
			case 'xor-mark':
				Object.assign(s, { mode: 'set', ctmark: v, ctmask: 0 });
				break;
			case 'save-mark':
				s.mode = 'save';
				break;
			case 'restore-mark':
				s.mode = 'restore';
				break;
			case 'mask':
				s.ctmask = s.nfmask = v;
				break;
			case 'ctmask':
				s.ctmask = v;
				break;
			case 'nfmask':
				s.nfmask = v;
				break;
			case 'left-shift-mark':
				s.shift = { dir: 'left', bits: v };
				break;
			case 'right-shift-mark':
				s.shift = { dir: 'right', bits: v };
				break;
		}
	}
	return s;
}

/** `-j CONNMARK`: sets the connection's mark, or copies it between packet and connection. */
export const connmarkTarget: ExtensionSpec = {
	name: 'CONNMARK',
	kind: 'target',
	summary: "set the connection mark, or save/restore it to/from the packet's mark",
	options: [
		markOpt('set-xmark'),
		markOpt('set-mark'),
		u32('and-mark'),
		u32('or-mark'),
		u32('xor-mark'),
		{ name: 'save-mark', args: 0, parse: () => true },
		{ name: 'restore-mark', args: 0, parse: () => true },
		shift('left-shift-mark'),
		shift('right-shift-mark'),
		u32('ctmask'),
		u32('nfmask'),
		u32('mask')
	],
	check(use, ctx) {
		const ops = use.options.filter((o) => OPERATIONS.includes(o.name)).map((o) => '--' + o.name);
		if (ops.length === 0) {
			ctx.report(
				'error',
				'CONNMARK target: no operation specified: give one of --set-mark, --save-mark, --restore-mark, --set-xmark, --and-mark, --or-mark, --xor-mark'
			);
		} else if (ops.length > 1) {
			ctx.report(
				'error',
				`CONNMARK: ${ops.join(' and ')} cannot be combined: one rule does one operation`
			);
		}
		if (
			hasOption(use.options, 'mask') &&
			(hasOption(use.options, 'ctmask') || hasOption(use.options, 'nfmask'))
		) {
			ctx.report(
				'error',
				'CONNMARK: --mask sets both masks, so it cannot be combined with --ctmask/--nfmask: use either --mask or the two separate masks'
			);
		}
	},
	normalize(options, span) {
		const s = fold(options);
		const opt = (name: string, value: unknown): OptionValue => ({
			name,
			inverted: false,
			value,
			span
		});
		const out =
			s.mode === 'set'
				? [opt('set-xmark', { value: s.ctmark, mask: s.ctmask })]
				: s.mode
					? [opt(`${s.mode}-mark`, true), opt('nfmask', s.nfmask), opt('ctmask', s.ctmask)]
					: [];
		if (s.shift.bits !== 0) out.push(opt(`${s.shift.dir}-shift-mark`, s.shift.bits));
		return out;
	},
	print(options) {
		const s = fold(options);
		const head =
			s.mode === 'set'
				? `--set-xmark ${hex32(s.ctmark)}/${hex32(s.ctmask)}`
				: s.mode
					? `--${s.mode}-mark --nfmask ${hex32(s.nfmask)} --ctmask ${hex32(s.ctmask)}`
					: '';
		return s.shift.bits !== 0 ? `${head} --${s.shift.dir}-shift-mark ${s.shift.bits}` : head;
	}
};
