/**
 * The visualizer's view of a trace — frames, the packet and the conntrack table at a frame, the
 * explanation, the fate — on a real scenario: the home router's port forward (DNAT in, reply
 * de-DNATed) and its masqueraded DNS query.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkScenario, type Walk } from '../../app/walk';
import { formatIPv4 } from '../../engine/parse/values';
import { conntrackAt } from './conntrack-at';
import { explainFrame } from './explain';
import { fateKind, type Frame } from './frames';
import { changesAt, packetAt } from './packet-at';

const root = join(import.meta.dirname, '../../../..');
function walkOf(example: string): Walk {
	const result = walkScenario(readFileSync(join(root, `rules-examples/${example}.json`), 'utf8'));
	if (!result.ok) throw new Error(`${example} does not walk`);
	return result.walk;
}
const walk = walkOf('home-router');
const { trace, frames } = walk;
const framesOfPacket = (id: string) => {
	const i = trace.packets.findIndex((p) => p.id === id);
	return frames.filter((f) => f.packet === i);
};

describe('frames', () => {
	it('each packet has an arrival frame, one per step and a fate frame, indexed from 1', () => {
		for (const [i, p] of trace.packets.entries()) {
			const fs = frames.filter((f) => f.packet === i);
			expect(fs.length).toBe(p.steps.length + 2);
			expect(fs.map((f) => f.index)).toEqual(fs.map((_, k) => k + 1));
			expect(fs[0].step).toBe(-1);
			expect(fs.at(-1)!.step).toBe(p.steps.length);
		}
		expect(walk.packetStarts.length).toBe(trace.packets.length);
	});

	it('the port-forwarded SYN arrives on the wire, is DNATed in PREROUTING and leaves on the wire', () => {
		const fs = framesOfPacket('1');
		expect(fs[0].station).toBe('wire-in');
		const dnat = fs.find((f) => f.table === 'nat' && f.rule !== null)!;
		expect([dnat.station, dnat.chain, dnat.rule]).toEqual(['PREROUTING', 'PREROUTING', 1]);
		expect(fs.some((f) => f.station === 'routing')).toBe(true);
		expect(fs.at(-1)!.station).toBe('wire-out');
		expect(fs.some((f) => f.station === 'INPUT')).toBe(false);
	});

	it('station starts mark every change of station', () => {
		for (const s of walk.stationStarts.slice(1)) {
			const [a, b] = [frames[s - 1], frames[s]];
			expect(a.packet !== b.packet || a.station !== b.station).toBe(true);
		}
	});

	it.each([
		['home-router', '1', 'forwarded'],
		['home-router', '9', 'forwarded'],
		['reject-vs-drop', '1', 'rejected'],
		['reject-vs-drop', '1.1', 'sent'],
		['reject-vs-drop', '2', 'dropped'],
		['stateful-ssh-rate-limit', '1', 'answered'],
		['stateful-ssh-rate-limit', '4', 'dropped']
	])('%s packet %s ends %s', (example, id, kind) => {
		const w = example === 'home-router' ? walk : walkOf(example);
		const p = w.trace.packets.find((x) => x.id === id)!;
		expect(fateKind(p, w.trace)).toBe(kind);
	});
});

describe('packetAt and changesAt', () => {
	const p1 = trace.packets[0];
	const rewrite = p1.steps.findIndex((s) => s.type === 'effect' && s.effect.type === 'nat');

	it('the DNAT rewrite changes the destination at its step, not at the rule', () => {
		const rule = p1.steps.findIndex((s) => s.type === 'rule' && s.target === 'DNAT');
		expect(formatIPv4(packetAt(p1, rule).dst)).toBe('10.0.2.1');
		expect(formatIPv4(packetAt(p1, rewrite).dst)).toBe('10.0.1.2');
		expect(
			changesAt(p1, rewrite)
				.map((c) => c.field)
				.sort()
		).toEqual(['dport', 'dst']);
	});

	it('forwarding decrements the TTL and routing sets the out interface', () => {
		const last = packetAt(p1, p1.steps.length);
		expect(last.ttl).toBe(63);
		expect(last.outIface).toBe('r-eth0');
		expect(packetAt(p1, -1).ttl).toBe(64);
	});
});

describe('conntrackAt', () => {
	it('the first SYN’s entry shows while it is on its way, bound by DNAT, then stays', () => {
		const before = conntrackAt(trace, 0, -1);
		expect(before).toEqual([]);
		const mid = conntrackAt(trace, 0, trace.packets[0].steps.length - 1);
		expect(mid).toHaveLength(1);
		expect(mid[0].current).toBe(true);
		expect(mid[0].entry.status.dstNat).toBe(true);
		const later = conntrackAt(trace, 8, -1);
		expect(later.map((r) => r.entry.id)).toEqual([1]);
		expect(later[0].current).toBe(false);
	});

	it('the masqueraded DNS query adds a second entry', () => {
		const i = trace.packets.findIndex((p) => p.id === '9');
		const rows = conntrackAt(trace, i, trace.packets[i].steps.length);
		expect(rows.map((r) => [r.entry.id, r.current])).toEqual([
			[1, false],
			[2, true]
		]);
	});
});

describe('explainFrame', () => {
	const p2 = trace.packets[1];
	const frame = (packet: number, step: number): Frame =>
		frames.find((f) => f.packet === packet && f.step === step)!;

	it('names the reply-of-a-DNATed-connection trap where conntrack rewrites the reply', () => {
		const rewrite = p2.steps.findIndex((s) => s.type === 'effect' && s.effect.type === 'nat');
		expect(explainFrame(p2, frame(1, rewrite))).toMatch(
			/reply of a DNATed connection.*nat table is not consulted/
		);
	});

	it('says ACCEPT ends only its table, and what the arrival and fate are', () => {
		const accept = trace.packets[0].steps.findIndex(
			(s) => s.type === 'rule' && s.verdict === 'ACCEPT' && s.table === 'filter'
		);
		expect(explainFrame(trace.packets[0], frame(0, accept))).toMatch(
			/ACCEPT ends this table's chain only/
		);
		expect(explainFrame(trace.packets[0], frame(0, -1))).toMatch(
			/^Packet 1 arrives on r-eth1: tcp/
		);
		expect(explainFrame(trace.packets[0], frame(0, trace.packets[0].steps.length))).toMatch(
			/sent out r-eth0/
		);
	});
});
