/**
 * Records one scenario on this machine's kernel: builds its namespaces, loads its rules, starts
 * `xtables-monitor --trace`, sends its packets one by one (waiting for the kernel to finish with
 * each), and normalises what the monitor saw into kernel lines. Needs root, iproute2,
 * iptables-nft, nftables, xtables-monitor, ipset and python3-scapy. Touches nothing outside its own
 * namespaces, and deletes them whatever happens.
 */
import { spawn } from 'node:child_process';
import { parseRuleset, printRuleset } from '../../../src/lib/engine/index';
import { simulate } from '../../../src/lib/engine/sim/simulate';
import { parseScenario, type ScenarioJson } from '../../../src/lib/scenario/index';
import {
	addNeighbour,
	createLab,
	destroyLab,
	loadRules,
	netnsPath,
	ruleHandles,
	setTcpLoose,
	sh,
	versions,
	type Lab
} from './netns';
import { normaliseTrace } from './normalise';
import { planRecording } from './plan';
import type { Sender } from './sender';
import { applyPorts, learnPorts, parseConntrack, type PortMap } from './ports';
import type { CtSnapshot } from '../../../src/lib/engine/sim/conntrack-types';

export class Unrecordable extends Error {}

export interface Recording {
	/** The `.kernel.txt` text: `## ` header lines, then the kernel lines. */
	text: string;
	/** The kernel lines alone (what is compared). */
	lines: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Collects the monitor's lines as they come. xtables-monitor ends a record with the newline that
 * starts the next one, so the last record stays a partial line until another arrives: once the
 * output is quiet, the partial line is taken as complete.
 */
class Monitor {
	readonly lines: string[] = [];
	private readonly child;
	private changed = Date.now();
	private partial = '';
	/** The last line was a partial one taken early; the newline that ends it is still to come. */
	private tookPartial = false;

	constructor(ns: string) {
		this.child = spawn('ip', ['netns', 'exec', ns, 'stdbuf', '-oL', 'xtables-monitor', '--trace'], {
			stdio: ['ignore', 'pipe', 'pipe']
		});
		this.child.stdout.setEncoding('utf8');
		this.child.stdout.on('data', (chunk: string) => this.take(chunk));
	}

	private take(chunk: string): void {
		this.changed = Date.now();
		let text = chunk;
		if (this.tookPartial) {
			this.tookPartial = false;
			if (text.startsWith('\n')) text = text.slice(1);
			else this.partial = this.lines.pop() ?? '';
		}
		const parts = (this.partial + text).split('\n');
		this.partial = parts.pop() ?? '';
		this.lines.push(...parts);
	}

	/** Waits until no output came for `quietMs` (at least `minMs` after now), at most `maxMs`. */
	async settle(quietMs = 120, minMs = 30, maxMs = 3000): Promise<void> {
		const start = Date.now();
		// Quiet counts from the send at the earliest: the first line may take a while to come.
		this.changed = Math.max(this.changed, start);
		await sleep(minMs);
		while (Date.now() - start < maxMs) {
			if (Date.now() - this.changed >= quietMs) break;
			await sleep(10);
		}
		if (this.partial) {
			this.lines.push(this.partial);
			this.partial = '';
			this.tookPartial = true;
		}
	}

	/**
	 * Waits until the monitor listens: its netlink socket (NETLINK_NETFILTER, protocol 12) has
	 * joined the trace group (NFNLGRP_NFTRACE, bit 0x100 of /proc/net/netlink's Groups). A fixed
	 * sleep loses the first packet's events on a loaded machine.
	 */
	async ready(ns: string, maxMs = 5000): Promise<void> {
		const start = Date.now();
		while (Date.now() - start < maxMs) {
			const table = sh('ip', ['netns', 'exec', ns, 'cat', '/proc/net/netlink']);
			const listening = table.split('\n').some((l) => {
				const f = l.trim().split(/\s+/);
				return f[1] === '12' && (Number.parseInt(f[3], 16) & 0x100) !== 0;
			});
			if (listening) return;
			await sleep(20);
		}
		throw new Error('xtables-monitor --trace did not start listening');
	}

	stop(): void {
		this.child.kill('SIGKILL');
	}
}

/** The conntrack entry nfwalk's trace of packet `id` ends with, or null. */
function finalEntry(trace: ReturnType<typeof simulate>, id: string): CtSnapshot | null {
	const steps = trace.packets.find((p) => p.id === id)?.steps ?? [];
	for (let i = steps.length - 1; i >= 0; i--) if (steps[i].ct?.entry) return steps[i].ct!.entry;
	return null;
}

/** Records `text` (a scenario file) with the lab prefix `prefix`. */
export async function recordScenario(
	text: string,
	sender: Sender,
	prefix: string
): Promise<Recording> {
	const json = JSON.parse(text) as ScenarioJson;
	const parsed = parseScenario(text);
	if (!parsed.scenario || !parsed.host || parsed.diagnostics.some((d) => d.severity === 'error'))
		throw new Unrecordable('the scenario has errors (nfwalk check it)');
	const rules = parseRuleset(parsed.scenario.rules);
	if (rules.diagnostics.some((d) => d.severity === 'error'))
		throw new Unrecordable('the rules have errors');
	const trace = simulate(parsed.host, rules.ruleset, parsed.packets);
	const plan = planRecording(json, parsed.host, parsed.packets, trace);
	if (plan.unrecordable) throw new Unrecordable(plan.unrecordable);
	const restore = rules.format === 'restore' ? parsed.scenario.rules : printRuleset(rules.ruleset);

	let lab: Lab | null = null;
	let monitor: Monitor | null = null;
	try {
		lab = createLab(prefix, json.host);
		for (const [iface, hops] of plan.neighbours)
			for (const hop of hops) addNeighbour(lab, iface, hop);
		loadRules(lab, restore.endsWith('\n') ? restore : restore + '\n');
		setTcpLoose(lab, json.host.conntrack?.tcpLoose !== false);
		const { handles, trace: traceHandles } = ruleHandles(lab);
		for (const [iface, ns] of lab.neighbours)
			await sender.run({ op: 'l2', key: iface, netns: netnsPath(ns), iface: 'nb0' });
		await sender.run({ op: 'raw', key: 'host', netns: netnsPath(lab.host) });
		for (const l of json.host.listening ?? [])
			await sender.run({
				op: 'listen',
				netns: netnsPath(lab.host),
				proto: l.proto,
				port: l.port,
				address: l.address
			});
		monitor = new Monitor(lab.host);
		await monitor.ready(lab.host);
		const bounds: number[] = [];
		const sentHeaders: { src: string; dst: string }[] = [];
		const start = Date.now();
		const ports: PortMap = new Map();
		const portNotes: string[] = [];
		const usesNat = trace.packets.some((p) =>
			p.steps.some((s) => s.type === 'conntrack' && s.phase === 'bind')
		);
		for (const [i, s] of plan.sends.entries()) {
			if (s.atMs !== null) {
				const wait = start + s.atMs - Date.now();
				if (wait > 0) await sleep(wait);
			}
			bounds.push(monitor.lines.length);
			const macs = s.via === 'host' ? null : lab.macs.get(s.via);
			if (s.via !== 'host' && !macs)
				throw new Unrecordable(`packet from unknown interface ${s.via}`);
			const { packet, changed } = applyPorts(s.packet, ports);
			sentHeaders.push({ src: packet.src, dst: packet.dst });
			if (changed)
				portNotes.push(
					`packet ${i + 1}: ${changed} (the kernel's random choice, nfwalk's was another)`
				);
			await sender.run({
				op: 'send',
				key: s.via,
				packet,
				l2: macs ? { src: s.mac ?? macs.neighbour, dst: s.l2dst ?? macs.host } : null,
				mark: s.mark
			});
			await monitor.settle();
			if (usesNat) {
				const entry = finalEntry(trace, String(i + 1));
				if (entry)
					learnPorts(
						entry,
						parseConntrack(sh('ip', ['netns', 'exec', lab.host, 'conntrack', '-L'])),
						ports
					);
			}
		}
		await monitor.settle(200);
		// A packet's window runs until the next packet is sent: late generated packets stay with it.
		const windows = bounds.map((b, i) =>
			monitor!.lines.slice(b, bounds[i + 1] ?? monitor!.lines.length)
		);
		// NFK_DEBUG=1 prints the raw monitor lines of each window, for a recording that looks wrong.
		if (process.env.NFK_DEBUG) console.error(JSON.stringify(windows, null, 1));
		const declaredRaw = new Set(
			rules.ruleset.tables
				.filter((t) => t.name === 'raw')
				.flatMap((t) => t.chains.filter((c) => c.builtin && c.declared).map((c) => `raw:${c.name}`))
		);
		const result = normaliseTrace({
			windows,
			sent: sentHeaders,
			handles,
			traceHandles,
			declaredRaw,
			dropRetransmissions: true
		});
		const v = versions();
		const header = [
			`## recorded by tests/kernel/recorder on Linux ${v.kernel} (${v.iptables}, xtables-monitor --trace)`,
			`## ${plan.realTime ? "packets sent at the scenario's times" : 'packets sent one after another, each once the kernel was done with the last'}; sequence numbers made consistent per connection`,
			...portNotes.map((n) => `## ${n}`),
			...result.notes.map((n) => `## ${n}`)
		];
		return { text: header.join('\n') + '\n' + result.text, lines: result.text };
	} finally {
		monitor?.stop();
		await sender.run({ op: 'reset' }).catch(() => undefined);
		if (lab) destroyLab(lab);
	}
}
