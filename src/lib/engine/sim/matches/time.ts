/**
 * `-m time`: the scenario clock (`host.clockStart + packet.time`, UTC) against the date range,
 * time of day, weekdays and month days, as xt_time's time_mt checks them. `--kerneltz` is taken
 * as UTC (noted): nfwalk's host has no time zone.
 */
import type { OptionValue } from '../../model';
import type { MatchCompiler } from '../compile-types';
import { has, opt } from './build';

const num = (o: readonly OptionValue[], n: string, d: number) =>
	(opt(o, n)?.value as number | undefined) ?? d;

/** Day bits with `!` applied, as the iptables front end stores them. */
function days(o: readonly OptionValue[], name: string, all: number): number {
	const x = opt(o, name);
	return x ? ((x.value as number) ^ (x.inverted ? all : 0)) >>> 0 : all;
}

/** Day of the month (1–31) of day number `days` since 1970-01-01 (Hinnant's civil_from_days). */
function monthDay(days: number): number {
	const z = days + 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor(
		(doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365
	);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	return doy - Math.floor((153 * mp + 2) / 5) + 1;
}

export const compileTime: MatchCompiler = (options) => {
	const dateStart = num(options, 'datestart', 0);
	const dateStop = num(options, 'datestop', 0x7fffffff);
	const start = num(options, 'timestart', 0);
	const stop = num(options, 'timestop', 86399);
	const weekdays = days(options, 'weekdays', 0xfe);
	const monthdays = days(options, 'monthdays', 0xfffffffe);
	const contiguous = has(options, 'contiguous');
	const tz = has(options, 'kerneltz') || has(options, 'localtz');
	return {
		test(p, env) {
			const stamp = Math.floor(env.host.host.clockStart + p.time);
			if (stamp < dateStart || stamp > dateStop) return false;
			let secs = ((stamp % 86400) + 86400) % 86400;
			let dayStamp = stamp;
			if (start < stop) {
				if (secs < start || secs > stop) return false;
			} else {
				if (secs < start && secs > stop) return false;
				// --contiguous: the early-morning part belongs to the previous day's period.
				if (contiguous && secs <= stop) {
					dayStamp -= 86400;
					secs += 86400;
				}
			}
			const days = Math.floor(dayStamp / 86400);
			// 1970-01-01 was a Thursday; xt_time numbers Monday 1 … Sunday 7.
			const weekday = ((((days + 3) % 7) + 7) % 7) + 1;
			if (!(weekdays & (1 << weekday))) return false;
			// As the kernel, skip the calendar arithmetic when every month day matches.
			return monthdays === 0xfffffffe || (monthdays & (2 ** monthDay(days))) !== 0;
		},
		note: tz ? '--kerneltz: nfwalk hosts have no time zone; times are taken as UTC' : undefined
	};
};
