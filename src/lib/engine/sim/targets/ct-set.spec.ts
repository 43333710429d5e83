import { describe, expect, it } from 'vitest';
import { IPPROTO } from '../packet';
import { makePacket } from '../matches/test-packet';
import { ctRef, makeEntry, makeEnv, makeHost, targetOf } from './spec-helpers';

describe('-j CT', () => {
	it('§3.4 CT --notrack marks the packet untracked', () => {
		const env = makeEnv({ table: 'raw' });
		const r = targetOf('-A PREROUTING -p udp -j CT --notrack', 'raw').run(makePacket(), env);
		expect(r.verdict).toBe('CONTINUE');
		expect(env.untracked).toBe(true);
		expect(env.template).toBeNull();
	});

	it.each([
		{ rule: '-p tcp -j CT --helper ftp', template: { helper: 'ftp', zone: 0, zoneDir: 'both' } },
		{ rule: '-j CT --zone 7', template: { helper: null, zone: 7, zoneDir: 'both' } },
		{ rule: '-j CT --zone-orig mark', template: { helper: null, zone: 'mark', zoneDir: 'orig' } }
	])('$rule attaches a template for the lookup', ({ rule, template }) => {
		const env = makeEnv({ table: 'raw' });
		const r = targetOf(`-A PREROUTING ${rule}`, 'raw').run(makePacket(), env);
		expect(r.effect).toMatchObject({ type: 'other', changed: true });
		expect(env.template).toEqual(template);
		expect(env.untracked).toBe(false);
	});

	it('a packet that already carries conntrack is left alone (kernel: skb->_nfct set)', () => {
		const env = makeEnv({ table: 'raw', ct: ctRef(makeEntry(), 'RELATED') });
		const r = targetOf('-A OUTPUT -j CT --notrack', 'raw').run(makePacket(), env);
		expect(r.verdict).toBe('CONTINUE');
		expect(env.untracked).toBe(false);
		expect(r.note).toMatch(/already carries conntrack/);
	});

	it('without template support in the engine, CT --zone says it was not applied', () => {
		const env = makeEnv({ table: 'raw' });
		delete env.setCtTemplate;
		const r = targetOf('-A PREROUTING -j CT --zone 7', 'raw').run(makePacket(), env);
		expect(r.effect).toMatchObject({ type: 'other', changed: false });
		expect(r.note).toMatch(/not applied/);
	});
});

describe('-j SET', () => {
	const cases = [
		{
			title: '--add-set on hash:ip adds the source address',
			rule: '-j SET --add-set seen src',
			set: { type: 'hash:ip', members: [] as string[] },
			packet: makePacket(),
			members: ['10.0.1.2'],
			changed: true
		},
		{
			title: '--add-set on hash:ip,port with src,dst adds ip,proto:port',
			rule: '-j SET --add-set seen src,dst',
			set: { type: 'hash:ip,port', members: [] as string[] },
			packet: makePacket({ proto: IPPROTO.udp, dport: 53 }),
			members: ['10.0.1.2,udp:53'],
			changed: true
		},
		{
			title: '--add-set of a member already there changes nothing',
			rule: '-j SET --add-set seen dst',
			set: { type: 'hash:net', members: ['10.0.2.2'] },
			packet: makePacket(),
			members: ['10.0.2.2'],
			changed: false
		},
		{
			title: '--del-set on bitmap:port removes the destination port',
			rule: '-j SET --del-set seen dst',
			set: { type: 'bitmap:port', members: ['22', '80'] },
			packet: makePacket(),
			members: ['22'],
			changed: true
		}
	];

	it.each(cases)('$title', ({ rule, set, packet, members, changed }) => {
		const env = makeEnv({ host: makeHost({ ipsets: [{ name: 'seen', ...set }] }) });
		const r = targetOf(`-A INPUT ${rule}`, 'filter').run(packet, env);
		expect(r.verdict).toBe('CONTINUE');
		expect(r.effect).toMatchObject({ type: 'other', changed });
		expect(env.host.ipset('seen')?.members).toEqual(members);
	});

	it('a set type nfwalk cannot key says so and changes nothing', () => {
		const ipsets = [{ name: 'seen', type: 'hash:mac', members: [] }];
		const env = makeEnv({ host: makeHost({ ipsets }) });
		const r = targetOf('-A INPUT -j SET --add-set seen src', 'filter').run(makePacket(), env);
		expect(r.effect).toBeUndefined();
		expect(r.note).toMatch(/cannot build a hash:mac key/);
		expect(env.host.ipset('seen')?.members).toEqual([]);
	});
});
