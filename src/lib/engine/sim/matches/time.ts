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
			const d = new Date(dayStamp * 1000);
			const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
			if (!(weekdays & (1 << weekday))) return false;
			return (monthdays & (2 ** d.getUTCDate())) !== 0;
		},
		note: tz ? '--kerneltz: nfwalk hosts have no time zone; times are taken as UTC' : undefined
	};
};
