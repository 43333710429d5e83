import { describe, expect, it } from 'vitest';
import type { Packet } from '../packet';
import { makePacket } from '../matches/test-packet';
import { makeEnv, targetOf } from './spec-helpers';

interface Case {
	title: string;
	rule: string;
	field: 'ttl' | 'tos';
	before: number;
	after: number;
}

const cases: Case[] = [
	// xt_HL: set, or dec/inc saturating at 0 and 255 (forwarding then decrements, §2.4, §5.3).
	{ title: '§2.4 TTL --ttl-set 33', rule: 'TTL --ttl-set 33', field: 'ttl', before: 64, after: 33 },
	{ title: 'TTL --ttl-dec 10', rule: 'TTL --ttl-dec 10', field: 'ttl', before: 64, after: 54 },
	{
		title: 'TTL --ttl-dec saturates at 0',
		rule: 'TTL --ttl-dec 10',
		field: 'ttl',
		before: 3,
		after: 0
	},
	{ title: 'TTL --ttl-inc 5', rule: 'TTL --ttl-inc 5', field: 'ttl', before: 64, after: 69 },
	{
		title: 'TTL --ttl-inc saturates at 255',
		rule: 'TTL --ttl-inc 100',
		field: 'ttl',
		before: 200,
		after: 255
	},
	// xt_DSCP tos_tg: (tos & ~mask) ^ value on the whole byte.
	{
		title: '§2.4 TOS --set-tos 0x10/0xff',
		rule: 'TOS --set-tos 0x10/0xff',
		field: 'tos',
		before: 0x03,
		after: 0x10
	},
	{
		title: 'TOS --set-tos 0x10/0x3f keeps the precedence bits',
		rule: 'TOS --set-tos 0x10/0x3f',
		field: 'tos',
		before: 0xa2,
		after: 0x90
	},
	{
		title: 'TOS --set-tos Minimize-Delay (mask 0x3f)',
		rule: 'TOS --set-tos Minimize-Delay',
		field: 'tos',
		before: 0xe0,
		after: 0xd0
	},
	{
		title: 'TOS --and-tos 0x0f',
		rule: 'TOS --and-tos 0x0f',
		field: 'tos',
		before: 0xff,
		after: 0x0f
	},
	{
		title: 'TOS --or-tos 0x08',
		rule: 'TOS --or-tos 0x08',
		field: 'tos',
		before: 0x10,
		after: 0x18
	},
	{
		title: 'TOS --xor-tos 0x18',
		rule: 'TOS --xor-tos 0x18',
		field: 'tos',
		before: 0x10,
		after: 0x08
	},
	// xt_DSCP dscp_tg: DSCP in the top six bits, the ECN bits kept.
	{
		title: 'DSCP --set-dscp 46 keeps the ECN bits',
		rule: 'DSCP --set-dscp 46',
		field: 'tos',
		before: 0x01,
		after: 0xb9
	},
	{
		title: 'DSCP --set-dscp-class AF41',
		rule: 'DSCP --set-dscp-class AF41',
		field: 'tos',
		before: 0xfc,
		after: 0x88
	}
];

describe('TTL, TOS and DSCP change the header field in place', () => {
	it.each(cases)('$title', ({ rule, field, before, after }) => {
		const t = targetOf(`-A PREROUTING -j ${rule}`);
		const p: Packet = makePacket({ [field]: before });
		const r = t.run(p, makeEnv());
		expect(r).toEqual({ verdict: 'CONTINUE', effect: { type: field, before, after } });
		expect(p[field]).toBe(after);
	});
});

describe('-j CLASSIFY', () => {
	it('sets the tc class, which nfwalk only reports', () => {
		const p = makePacket();
		const r = targetOf('-A POSTROUTING -j CLASSIFY --set-class 1:10').run(p, makeEnv());
		expect(r.verdict).toBe('CONTINUE');
		expect(r.effect).toMatchObject({ type: 'other', changed: true });
		expect(r.effect?.type === 'other' && r.effect.what).toMatch(/tc class 1:10;/);
		expect(p).toEqual(makePacket());
	});
});
