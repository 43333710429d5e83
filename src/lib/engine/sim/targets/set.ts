/**
 * `-j SET --add-set/--del-set NAME DIRS`: adds the packet's key to (or deletes it from) a host
 * ipset, so later `-m set` lookups see it. The key is built per dimension of the set type, as
 * ipset lists members: `10.0.0.1`, `10.0.0.1,tcp:80`, `443` (bitmap:port). Adding a present key or
 * deleting an absent one changes nothing (the kernel's error is ignored by the target).
 * Not simulated: `--timeout` (entries never expire), `--map-set` (nothing is mapped), and set
 * types with other dimensions (mac, iface, mark): said in a note.
 */
import { formatIPv4 } from '../../parse/values';
import type { SetRef } from '../../extensions/set-values';
import type { TargetCompiler, TargetResult } from '../compile-types';
import type { HostModel } from '../host-model';
import type { Packet } from '../packet';
import { hasOpt, optionValue } from './target-values';

const PORT_PROTOS: Readonly<Record<number, string>> = {
	6: 'tcp',
	17: 'udp',
	132: 'sctp',
	136: 'udplite'
};

function portPart(p: Packet, dir: 'src' | 'dst', bare: boolean): string | null {
	if (p.proto === 1) return bare ? null : `icmp:${p.icmpType}/${p.icmpCode}`;
	const name = PORT_PROTOS[p.proto];
	if (!name) return null;
	const port = dir === 'src' ? p.sport : p.dport;
	return bare ? String(port) : `${name}:${port}`;
}

/** The member text for this packet, or why there is none. */
function memberKey(type: string, ref: SetRef, p: Packet): string | { why: string } {
	const [method, dims = ''] = type.split(':');
	const parts: string[] = [];
	for (const [i, dim] of dims.split(',').entries()) {
		const dir = ref.dirs[i] ?? ref.dirs[ref.dirs.length - 1];
		if (dim === 'ip' || dim === 'net') parts.push(formatIPv4(dir === 'src' ? p.src : p.dst));
		else if (dim === 'port') {
			const port = portPart(p, dir, method === 'bitmap');
			if (port === null) return { why: `the packet (protocol ${p.proto}) has no port` };
			parts.push(port);
		} else return { why: `nfwalk cannot build a ${type} key` };
	}
	return parts.join(',');
}

function update(host: HostModel, ref: SetRef, p: Packet, add: boolean): TargetResult {
	const verb = add ? 'add to' : 'delete from';
	const set = host.ipset(ref.set);
	if (!set) {
		const note = `ipset ${ref.set} is not defined on the host: nothing to ${verb}`;
		return { verdict: 'CONTINUE', note };
	}
	const key = memberKey(set.type, ref, p);
	if (typeof key !== 'string')
		return { verdict: 'CONTINUE', note: `SET: cannot ${verb} ${ref.set}: ${key.why}` };
	const present = set.members.includes(key);
	const changed = add !== present;
	// A new array, not an in-place push, so a snapshot someone kept of the members stays as it was.
	if (changed) set.members = add ? [...set.members, key] : set.members.filter((m) => m !== key);
	const what = `ipset ${ref.set}: ${add ? 'add' : 'del'} ${key}${changed ? '' : add ? ' (already a member)' : ' (not a member)'}`;
	return { verdict: 'CONTINUE', effect: { type: 'other', what, changed } };
}

export const compileSet: TargetCompiler = (options) => {
	const add = optionValue<SetRef>(options, 'add-set');
	const del = optionValue<SetRef>(options, 'del-set');
	const missing = [
		hasOpt(options, 'timeout') && '--timeout (entries never expire)',
		hasOpt(options, 'map-set') && '--map-set (nothing is mapped onto the packet)'
	].filter(Boolean);
	const note = missing.length ? `SET: not simulated: ${missing.join(', ')}` : undefined;
	return {
		note,
		run(p, env) {
			// libxt_SET allows --add-set and --del-set in one rule; the kernel adds first, then deletes.
			const results = [
				add && update(env.host, add, p, true),
				del && update(env.host, del, p, false)
			];
			const done = results.filter((r): r is TargetResult => !!r);
			if (done.length <= 1) return done[0] ?? { verdict: 'CONTINUE' };
			const [a, d] = done;
			const what = [a, d]
				.map((r) => (r.effect?.type === 'other' ? r.effect.what : r.note))
				.join('; ');
			const changed = [a, d].some((r) => r.effect?.type === 'other' && r.effect.changed);
			return { verdict: 'CONTINUE', effect: { type: 'other', what, changed } };
		}
	};
};
