import { findOption, flag, hasOption } from '../define';
import type { ExtensionSpec, OptionSpec } from '../types';
import type { OptionValue } from '../../model';
import type { Parsed } from '../../parse/values';

const DAY_END = 86399;
const DATE_STOP_DEFAULT = 0x7fffffff;
const ALL_MONTHDAYS = 0xfffffffe;
const ALL_WEEKDAYS = 0xfe;
const WEEKDAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** `YYYY[-MM[-DD[Thh[:mm[:ss]]]]]` in UTC, as seconds since 1970. */
function parseDate([w]: string[]): Parsed<number> {
	const m = /^(\d+)(?:-(\d+)(?:-(\d+)(?:T(\d+)(?::(\d+)(?::(\d+))?)?)?)?)?$/.exec(w);
	const bad = {
		error: `invalid date "${w}": write YYYY[-MM[-DD[Thh[:mm[:ss]]]]] between 1970 and 2038, e.g. 2024-05-01T08:00:00`
	};
	if (!m) return bad;
	const [y, mo, d, h, mi, s] = m
		.slice(1)
		.map((x, i) => (x === undefined ? (i === 1 || i === 2 ? 1 : 0) : Number(x)));
	if (y < 1970 || y > 2038 || mo > 12 || d > 31 || h > 23 || mi > 59 || s > 59) return bad;
	// mktime normalises out-of-range days and months (2001-02-31 is 3 March), as Date.UTC does.
	const t = Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
	return t >= 0 ? t % 2 ** 32 : bad;
}

/** `hh:mm[:ss]` as seconds into the day. */
function parseDaytime([w]: string[]): Parsed<number> {
	const m = /^(\d+):(\d+)(?::(\d+))?$/.exec(w);
	const [h, mi, s] = m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : [99, 0, 0];
	if (h > 23 || mi > 59 || s > 59)
		return { error: `invalid time "${w}": write hh:mm[:ss] between 00:00:00 and 23:59:59` };
	return h * 3600 + mi * 60 + s;
}

function parseDays(what: 'weekdays' | 'monthdays') {
	return ([w]: string[]): Parsed<number> => {
		let bits = 0;
		for (const raw of w.replace(/,$/, '').split(',')) {
			// iptables reads at most 3 (weekdays) or 2 (monthdays) characters of each item.
			const day = raw.slice(0, what === 'weekdays' ? 3 : 2);
			const n = /^[0-9]+$/.test(day) ? Number(day) : NaN;
			if (what === 'monthdays') {
				if (!(n <= 31)) return { error: `${raw} is not a valid day for --monthdays (1–31)` };
				bits |= 2 ** n;
			} else if (!Number.isNaN(n)) {
				if (n < 1 || n > 7)
					return { error: `${raw} is not a weekday: use 1 (Mon) to 7 (Sun) or Mon…Sun` };
				bits |= 1 << n;
			} else {
				const i = WEEKDAYS.findIndex((x, k) => k > 0 && x.slice(0, 2) === day.slice(0, 2));
				if (i < 0)
					return {
						error: `${raw} is not a valid day specifier: use Mon, Tue, Wed, Thu, Fri, Sat, Sun`
					};
				bits |= 1 << i;
			}
		}
		return bits >>> 0;
	};
}

const daysOption = (name: 'weekdays' | 'monthdays'): OptionSpec => ({
	name,
	invertible: true,
	parse: parseDays(name)
});
const num = (o: readonly OptionValue[], n: string, d: number) =>
	(findOption(o, n)?.value as number | undefined) ?? d;
const hms = (t: number) =>
	[Math.floor(t / 3600), Math.floor(t / 60) % 60, t % 60]
		.map((x) => String(x).padStart(2, '0'))
		.join(':');
const iso = (t: number) => new Date(t * 1000).toISOString().slice(0, 19);

function days(o: readonly OptionValue[], name: string, all: number): number {
	const opt = findOption(o, name);
	return opt ? ((opt.value as number) ^ (opt.inverted ? all : 0)) >>> 0 : all;
}

const isKerneltz = (x: OptionValue) => x.name === 'kerneltz' || x.name === 'localtz';

/** `-m time`: matches by time of day, weekday, day of month and date range (UTC by default). */
export const time: ExtensionSpec = {
	name: 'time',
	kind: 'match',
	summary: 'match by time of day, weekday, day of month or date range',
	options: [
		{ name: 'datestart', parse: parseDate },
		{ name: 'datestop', parse: parseDate },
		{ name: 'timestart', parse: parseDaytime },
		{ name: 'timestop', parse: parseDaytime },
		flag('contiguous'),
		daysOption('weekdays'),
		daysOption('monthdays'),
		flag('localtz'),
		flag('utc'),
		flag('kerneltz'),
		// The pre-2007 ipt_time patch's option; iptables 1.8 says only "unknown option".
		{
			name: 'days',
			parse: ([w]) => ({
				error: `--days is from the old ipt_time patch and no longer exists: write --weekdays ${w} (same day names)`
			})
		}
	],
	check(use, ctx) {
		const o = use.options;
		if (hasOption(o, 'utc') && (hasOption(o, 'localtz') || hasOption(o, 'kerneltz'))) {
			ctx.report('error', 'time: --utc cannot be combined with --kerneltz/--localtz: keep one');
		}
		if (hasOption(o, 'localtz'))
			ctx.report(
				'warning',
				'time: --localtz is deprecated: write --kerneltz (it means the same)',
				undefined,
				'deprecated-option'
			);
		if (hasOption(o, 'contiguous') && num(o, 'timestart', 0) < num(o, 'timestop', DAY_END)) {
			ctx.report(
				'error',
				'time: --contiguous only makes sense when --timestop is earlier than --timestart (a period across midnight)'
			);
		}
	},
	// The kernel stores every field, and iptables lists some of them even at their default (the
	// stop date always, both times when one is set): the model holds them all, so a rule and its
	// printed form read the same.
	defaults: () => [
		{ name: 'datestart', value: 0 },
		{ name: 'datestop', value: DATE_STOP_DEFAULT },
		{ name: 'timestart', value: 0 },
		{ name: 'timestop', value: DAY_END },
		{ name: 'weekdays', value: ALL_WEEKDAYS },
		{ name: 'monthdays', value: ALL_MONTHDAYS }
	],
	// `! --weekdays Mon` is stored as the other six days, and listed so; --localtz as --kerneltz;
	// --utc is the default, which the kernel cannot tell from no flag at all.
	normalize: (o) =>
		o
			// One flag: --kerneltz given with --localtz is set once in the kernel.
			.filter((x, i) => x.name !== 'utc' && !(isKerneltz(x) && o.findIndex(isKerneltz) < i))
			.map((x) =>
				x.name === 'localtz'
					? { ...x, name: 'kerneltz' }
					: x.inverted && (x.name === 'weekdays' || x.name === 'monthdays')
						? {
								...x,
								inverted: false,
								value: days(o, x.name, x.name === 'weekdays' ? ALL_WEEKDAYS : ALL_MONTHDAYS)
							}
						: x
			),
	print(o) {
		const out: string[] = [];
		const start = num(o, 'timestart', 0);
		const stop = num(o, 'timestop', DAY_END);
		if (start !== 0 || stop !== DAY_END)
			out.push(`--timestart ${hms(start)} --timestop ${hms(stop)}`);
		const md = days(o, 'monthdays', ALL_MONTHDAYS);
		if (md !== ALL_MONTHDAYS)
			out.push(
				`--monthdays ${[...Array(31).keys()]
					.map((i) => i + 1)
					.filter((i) => md & (2 ** i))
					.join(',')}`
			);
		const wd = days(o, 'weekdays', ALL_WEEKDAYS);
		if (wd !== ALL_WEEKDAYS)
			out.push(`--weekdays ${WEEKDAYS.filter((x, i) => i > 0 && wd & (1 << i)).join(',')}`);
		const ds = num(o, 'datestart', 0);
		if (ds !== 0) out.push(`--datestart ${iso(ds)}`);
		// iptables-save compares the default stop date with LONG_MAX, so on 64-bit it always lists it.
		const de = num(o, 'datestop', DATE_STOP_DEFAULT);
		if (de !== 0) out.push(`--datestop ${iso(de)}`);
		if (hasOption(o, 'kerneltz') || hasOption(o, 'localtz')) out.push('--kerneltz');
		if (hasOption(o, 'contiguous')) out.push('--contiguous');
		return out.join(' ');
	}
};
