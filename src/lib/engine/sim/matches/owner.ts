/**
 * `-m owner`: the uid/gid of the local socket that sent the packet (`packet.uid`/`gid`). A packet
 * without a socket (forwarded, or owner unknown) matches only when every given test is inverted,
 * as owner_mt says.
 */
import type { UintRange } from '../../extensions/group3-values';
import type { MatchCompiler } from '../compile-types';
import type { Packet } from '../packet';
import { inRange, opt } from './build';

export const compileOwner: MatchCompiler = (options) => {
	const uid = opt(options, 'uid-owner');
	const gid = opt(options, 'gid-owner');
	const sock = opt(options, 'socket-exists');
	// --suppl-groups is a match bit that cannot be inverted, so with it a socketless packet fails.
	const given = [uid, gid, sock, opt(options, 'suppl-groups')].filter((o) => o !== undefined);
	const noSocket = given.every((o) => o.inverted);
	const tests: ((p: Packet) => boolean)[] = [];
	if (sock?.inverted) tests.push(() => false);
	if (uid) {
		const { from, to } = uid.value as UintRange;
		const inv = uid.inverted;
		tests.push((p) => inRange(p.uid ?? -1, from, to, inv));
	}
	if (gid) {
		const { from, to } = gid.value as UintRange;
		const inv = gid.inverted;
		tests.push((p) => inRange(p.gid ?? -1, from, to, inv));
	}
	const note = opt(options, 'suppl-groups')
		? '--suppl-groups: nfwalk knows only the primary gid of the sender'
		: undefined;
	return {
		test(p) {
			if (p.uid === null && p.gid === null) return noSocket;
			for (let i = 0; i < tests.length; i++) if (!tests[i](p)) return false;
			return true;
		},
		note
	};
};
