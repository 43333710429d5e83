import { describe, expect, it } from 'vitest';
import { makePacket } from '../matches/test-packet';
import type { Effect } from '../trace';
import { ctRef, makeEntry, makeEnv, targetOf } from './spec-helpers';

interface Case {
	title: string;
	rule: string;
	mark: number;
	ctmark: number;
	/** Packet mark and ctmark after the target. */
	after: { mark: number; ctmark: number };
	effect: Effect;
}

// xt_connmark: set ctmark = (ctmark & ~ctmask) ^ value; save ctmark = (ctmark & ~ctmask) ^
// (mark & nfmask); restore mark = (mark & ~nfmask) ^ (ctmark & ctmask); shifts apply to the
// moved bits (set: to the result).
const cases: Case[] = [
	{
		title: '§2.4 --save-mark copies the packet mark to the connection',
		rule: '--save-mark',
		mark: 0x10,
		ctmark: 0,
		after: { mark: 0x10, ctmark: 0x10 },
		effect: { type: 'ctmark', before: 0, after: 0x10 }
	},
	{
		title: '--save-mark --nfmask 0xff --ctmask 0xff keeps the ctmark bits outside ctmask',
		rule: '--save-mark --nfmask 0xff --ctmask 0xff',
		mark: 0x1234,
		ctmark: 0xab00,
		after: { mark: 0x1234, ctmark: 0xab34 },
		effect: { type: 'ctmark', before: 0xab00, after: 0xab34 }
	},
	{
		title: '--save-mark XORs packet bits outside ctmask into the ctmark (kernel, not clipped)',
		rule: '--save-mark --nfmask 0xff --ctmask 0xf',
		mark: 0x11,
		ctmark: 0x10,
		after: { mark: 0x11, ctmark: 0x01 },
		effect: { type: 'ctmark', before: 0x10, after: 0x01 }
	},
	{
		title: '--restore-mark copies the ctmark to the packet',
		rule: '--restore-mark',
		mark: 0x5,
		ctmark: 0x20,
		after: { mark: 0x20, ctmark: 0x20 },
		effect: { type: 'mark', before: 0x5, after: 0x20 }
	},
	{
		title: '--restore-mark --mask 0xff keeps the packet bits outside the mask',
		rule: '--restore-mark --mask 0xff',
		mark: 0xab05,
		ctmark: 0x1220,
		after: { mark: 0xab20, ctmark: 0x1220 },
		effect: { type: 'mark', before: 0xab05, after: 0xab20 }
	},
	{
		title: '--set-mark 0x7 sets the ctmark, not the packet mark',
		rule: '--set-mark 0x7',
		mark: 0x1,
		ctmark: 0xf0,
		after: { mark: 0x1, ctmark: 0x7 },
		effect: { type: 'ctmark', before: 0xf0, after: 0x7 }
	},
	{
		title: '--set-xmark 0x1/0x0 XORs the ctmark',
		rule: '--set-xmark 0x1/0x0',
		mark: 0,
		ctmark: 0x3,
		after: { mark: 0, ctmark: 0x2 },
		effect: { type: 'ctmark', before: 0x3, after: 0x2 }
	},
	{
		title: '--save-mark --left-shift-mark 8 moves the packet bits up',
		rule: '--save-mark --nfmask 0xff --ctmask 0xff00 --left-shift-mark 8',
		mark: 0x12,
		ctmark: 0x34,
		after: { mark: 0x12, ctmark: 0x1234 },
		effect: { type: 'ctmark', before: 0x34, after: 0x1234 }
	},
	{
		title: '--restore-mark --right-shift-mark 8 moves the ctmark bits down',
		rule: '--restore-mark --nfmask 0xff --ctmask 0xff00 --right-shift-mark 8',
		mark: 0x5500,
		ctmark: 0x1234,
		after: { mark: 0x5512, ctmark: 0x1234 },
		effect: { type: 'mark', before: 0x5500, after: 0x5512 }
	}
];

describe('-j CONNMARK', () => {
	it.each(cases)('$title', ({ rule, mark, ctmark, after, effect }) => {
		const t = targetOf(`-A PREROUTING -j CONNMARK ${rule}`);
		const p = makePacket({ mark });
		const entry = makeEntry(ctmark);
		const r = t.run(p, makeEnv({ ct: ctRef(entry) }));
		expect(r).toEqual({ verdict: 'CONTINUE', effect });
		expect({ mark: p.mark, ctmark: entry.mark }).toEqual(after);
	});

	it.each([
		['INVALID', ctRef(null, 'INVALID')],
		['UNTRACKED', ctRef(null, 'UNTRACKED')],
		['before the conntrack lookup (raw)', null]
	])('§3.4 without a conntrack entry (%s) nothing changes', (_, ct) => {
		const p = makePacket({ mark: 0x10 });
		const r = targetOf('-A PREROUTING -j CONNMARK --restore-mark').run(p, makeEnv({ ct }));
		expect(r.verdict).toBe('CONTINUE');
		expect(r.effect).toBeUndefined();
		expect(r.note).toMatch(/no conntrack entry/);
		expect(p.mark).toBe(0x10);
	});

	it('an ICMP error RELATED to a flow saves into that flow’s entry', () => {
		const master = makeEntry(0);
		const p = makePacket({ proto: 1, icmpType: 3, icmpCode: 3, mark: 0x9 });
		const ct = { entry: null, dir: 'REPLY' as const, state: 'RELATED' as const, master };
		targetOf('-A PREROUTING -j CONNMARK --save-mark').run(p, makeEnv({ ct }));
		expect(master.mark).toBe(0x9);
	});
});
