import { findOption, flag, printInOrder } from '../define';
import { formatUintRange, type UintRange } from '../group3-values';
import { isError, parseUnsigned, type Parsed } from '../../parse/values';
import type { ExtensionSpec } from '../types';

/** Base-system accounts every Debian-like host has; other names depend on the host. */
const USERS: Readonly<Record<string, number>> = {
	root: 0,
	daemon: 1,
	bin: 2,
	sys: 3,
	sync: 4,
	games: 5,
	man: 6,
	lp: 7,
	mail: 8,
	news: 9,
	uucp: 10,
	proxy: 13,
	'www-data': 33,
	backup: 34,
	list: 38,
	irc: 39,
	nobody: 65534
};
const GROUPS: Readonly<Record<string, number>> = {
	root: 0,
	daemon: 1,
	bin: 2,
	sys: 3,
	adm: 4,
	tty: 5,
	disk: 6,
	lp: 7,
	mail: 8,
	news: 9,
	uucp: 10,
	man: 12,
	proxy: 13,
	kmem: 15,
	dialout: 20,
	cdrom: 24,
	sudo: 27,
	audio: 29,
	'www-data': 33,
	backup: 34,
	list: 38,
	irc: 39,
	shadow: 42,
	utmp: 43,
	video: 44,
	staff: 50,
	games: 60,
	users: 100,
	nogroup: 65534
};

/** A name from the table, or `ID` / `ID-ID` (also `ID:ID`); -1 is reserved, so 0–4294967294. */
function ownerParser(kind: 'user' | 'group', names: Readonly<Record<string, number>>) {
	return ([w]: string[]): Parsed<UintRange> => {
		if (Object.hasOwn(names, w)) return { from: names[w], to: names[w] };
		const m = /^([^-:]+)(?:[-:](.+))?$/.exec(w);
		const from = m ? parseUnsigned(m[1], 0, 0xfffffffe) : null;
		const to = m?.[2] !== undefined ? parseUnsigned(m[2], 0, 0xfffffffe) : from;
		if (from === null || to === null || isError(from) || isError(to)) {
			return /^[A-Za-z_]/.test(w)
				? {
						error: `${kind} "${w}" cannot be resolved here: nfwalk has no passwd/group database; write the numeric ${kind === 'user' ? 'uid' : 'gid'}`
					}
				: { error: `"${w}" is not a ${kind} id or range (write e.g. 1000 or 1000-1999)` };
		}
		return { from, to };
	};
}

/** `-m owner --uid-owner U --gid-owner G --socket-exists`: the local socket's owner. */
export const owner: ExtensionSpec = {
	name: 'owner',
	kind: 'match',
	summary: 'owner (uid/gid) of the locally generated packet',
	// Only locally generated packets carry a socket with an owner.
	hooks: ['OUTPUT', 'POSTROUTING'],
	options: [
		{ name: 'uid-owner', invertible: true, parse: ownerParser('user', USERS) },
		{ name: 'gid-owner', invertible: true, parse: ownerParser('group', GROUPS) },
		flag('socket-exists', { invertible: true }),
		flag('suppl-groups')
	],
	check(use, ctx) {
		const suppl = use.options.findIndex((o) => o.name === 'suppl-groups');
		const gid = use.options.findIndex((o) => o.name === 'gid-owner');
		if (suppl >= 0 && (gid < 0 || gid > suppl)) {
			ctx.report(
				'error',
				'owner: --suppl-groups needs --gid-owner before it (e.g. --gid-owner 100 --suppl-groups)',
				use.options[suppl].span,
				'missing-option'
			);
		}
		if (
			!findOption(use.options, 'uid-owner') &&
			gid < 0 &&
			!findOption(use.options, 'socket-exists')
		) {
			ctx.report(
				'warning',
				'owner: with no option the match matches every packet; add --uid-owner, --gid-owner or --socket-exists',
				undefined,
				'no-effect'
			);
		}
	},
	print: (options) =>
		printInOrder(options, [
			{ name: 'socket-exists' },
			{ name: 'uid-owner', format: (r: UintRange) => formatUintRange(r).replace(':', '-') },
			{ name: 'gid-owner', format: (r: UintRange) => formatUintRange(r).replace(':', '-') },
			{ name: 'suppl-groups' }
		])
};
