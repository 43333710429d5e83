/**
 * simulate(): a scenario's packets through the host's netfilter hooks, in order, with one
 * conntrack table fed by every packet (generated ones included). Returns the whole trace.
 *
 * The three paths of §1.2: an arriving packet runs PREROUTING, is routed, then INPUT (delivered
 * to the host, whose stack may answer) or FORWARD and POSTROUTING (sent). A locally generated
 * packet is routed first, then runs OUTPUT and POSTROUTING; to an own address it then comes back
 * in over `lo` and runs PREROUTING and INPUT with the conntrack entry it already has (§3.5).
 */
import type { Hook, Ruleset } from '../model';
import type { SimState, TargetEnv, TargetResult } from './compile-types';
import { compileRuleset, type CompiledRuleset } from './compile-rule';
import type { CtRef, CtTemplate } from './conntrack-types';
import { ConntrackTable, conntrackActive, trackingNote } from './conntrack/index';
import { walkBaseChain, type ChainOutcome } from './chain-walk';
import { SimBudget } from './budget';
import type { Host } from './host';
import { HostModel } from './host-model';
import { baseChain, hookSlots } from './hooks';
import { clonePacket, IPPROTO, type Packet } from './packet';
import { seededRandom } from './random';
import { HostStack, icmpError, isIcmpError, rejectPacket } from './stack';
import type { CounterSnapshot, CtView, Fate, PacketTrace, Step, Trace } from './trace';
import { natSlot } from './nat-hook';
import { endpointOf, setupBinding } from '../nat/binding';
import type { NatRequest } from '../nat/range';
import { manipOf, resolveRequest } from '../nat/resolve';
import type { CtEntry } from './conntrack-types';
import { formatIPv4 } from '../parse/values';
import { describeEnds } from './format/describe';

/** One packet of a scenario: where it comes from and its headers. */
export interface ScenarioPacket {
	/** An interface name (the packet arrives there from a neighbour) or `local` (sent by the host). */
	from: string;
	/** For `local` packets with no `src`: 0 here, and routing picks the source. */
	packet: Packet;
}

/** A packet on its way, with what the kernel carries alongside it. */
interface Flight {
	p: Packet;
	/** Set by the conntrack lookup, or before it for loopback input and kernel-generated errors. */
	ct: CtRef | null;
	untracked: boolean;
	/** What `-j CT --zone/--helper` in raw asked for, applied at the lookup. */
	template: CtTemplate | null;
	steps: Step[];
	/** True on the input leg of a looped-back packet: nat PREROUTING and INPUT are skipped (§1.2). */
	loopbackInput: boolean;
	local: boolean;
	/** Sent by a program (a scenario's `local` packet), not built by the kernel. */
	byProgram: boolean;
	/** The device a reroute after mangle or nat OUTPUT chose; applied from POSTROUTING on (§5.5). */
	rerouted: string | null;
	/** The gateway of the last reroute (null: on-link), undefined when none happened. */
	reroutedVia: number | null | undefined;
	/** The next hop routing chose (the gateway, or the destination itself): MASQUERADE's subnet. */
	nextHop: number | null;
	/** The source routing gave a local packet that had none. */
	chosenSource: number;
	/** A NAT rule's binding, said after its rule step. */
	pendingBind: string | null;
	/** Packets the host generated while handling this one, traced after it. */
	generated: { packet: Packet; cause: string; related: CtRef | null }[];
}

type HookResult =
	| { type: 'pass' }
	| Exclude<ChainOutcome, { type: 'accept' }>
	/** Dropped outside the rules, e.g. a reroute that fails. */
	| { type: 'discard'; reason: string };

/** The engine with a compiled rule set and its state; `simulate()` is the usual way in. */
export class Simulation {
	private readonly model: HostModel;
	private readonly compiled: CompiledRuleset;
	private readonly ct = new ConntrackTable();
	private readonly stack: HostStack;
	private readonly ctOn: boolean;
	/** NAT's core hooks exist: conntrack is on and a nat table is registered (§1.4). */
	private readonly natOn: boolean;
	/** get_random_u16 for NAT's port choice, apart from the statistic draws so those stay put. */
	private readonly natRandom: () => number;
	private readonly state: SimState;
	private readonly budget: SimBudget;

	constructor(
		private readonly host: Host,
		private readonly ruleset: Ruleset,
		budget = new SimBudget()
	) {
		this.budget = budget;
		this.model = new HostModel(host);
		this.stack = new HostStack(this.model);
		this.compiled = compileRuleset(ruleset);
		this.ctOn = conntrackActive(ruleset);
		this.natOn = this.ctOn && natRegistered(ruleset, host.backend);
		this.natRandom = seededRandom((host.statisticSeed ^ 0x6e617400) >>> 0);
		this.state = { recent: new Map(), random: seededRandom(host.statisticSeed) };
	}

	run(packets: readonly ScenarioPacket[]): Trace {
		const out: PacketTrace[] = [];
		packets.forEach((sp, n) => out.push(...this.runPacket(sp, n + 1)));
		return { packets: out, counters: this.counters() };
	}

	/** Scenario packet number `n` and every packet the host generates because of it. */
	runPacket(sp: ScenarioPacket, n: number): PacketTrace[] {
		const out: PacketTrace[] = [];
		const first = this.newFlight(clonePacket(sp.packet), sp.from === 'local', null);
		first.byProgram = first.local;
		const queue: { flight: Flight; cause: string | null }[] = [{ flight: first, cause: null }];
		let k = 0;
		while (queue.length) {
			const { flight, cause } = queue.shift()!;
			const id = k === 0 ? String(n) : `${n}.${k}`;
			k++;
			const packet = clonePacket(flight.p);
			const view = this.view(flight.ct);
			const spent = this.budget.scenarioSpent();
			this.budget.startPacket();
			const fate: Fate = spent
				? { type: 'discarded', reason: spent }
				: flight.local
					? this.runLocal(flight)
					: this.runIncoming(flight, sp.from);
			this.budget.endPacket(flight.steps.length);
			attachViews(flight.steps, view);
			// A program's packet without a source gets the route's before the first hook (§5.1).
			if (flight.local && packet.src === 0) packet.src = flight.chosenSource;
			out.push({ id, cause, packet, steps: flight.steps, fate });
			for (const g of flight.generated) {
				queue.push({ flight: this.newFlight(g.packet, true, g.related), cause: g.cause });
			}
		}
		return out;
	}

	private newFlight(p: Packet, local: boolean, related: CtRef | null): Flight {
		return {
			p,
			ct: related,
			untracked: false,
			template: null,
			steps: [],
			loopbackInput: false,
			local,
			rerouted: null,
			reroutedVia: undefined,
			nextHop: null,
			pendingBind: null,
			chosenSource: 0,
			byProgram: false,
			generated: []
		};
	}

	/** A wire packet: PREROUTING, routing, then INPUT or FORWARD + POSTROUTING. */
	private runIncoming(f: Flight, iface: string): Fate {
		f.p.inIface = iface;
		f.p.outIface = null;
		return this.afterArrival(f);
	}

	private afterArrival(f: Flight): Fate {
		const pre = this.runHook(f, 'PREROUTING');
		if (pre.type !== 'pass') return this.ended(f, pre);
		const p = f.p;
		const special = this.broadcastRoute(p);
		if (special === 'not-joined') {
			f.steps.push({
				type: 'route',
				decision: 'blackhole',
				outIface: null,
				via: null,
				reason: `multicast group ${formatIPv4(p.dst)} not joined and no multicast routing`
			});
			return {
				type: 'discarded',
				reason: 'multicast to a group the host has not joined: dropped silently'
			};
		}
		const route = special ? null : this.model.route(p.dst, p.mark);
		if (special || route?.kind === 'local') {
			f.steps.push({
				type: 'route',
				decision: 'local',
				outIface: null,
				via: null,
				reason: special ?? route!.text
			});
			const input = this.runHook(f, 'INPUT');
			if (input.type !== 'pass') return this.ended(f, input);
			// Nothing answers a broadcast or multicast: no RST, no port unreachable, no echo reply.
			const answer = special ? null : this.stack.answer(p);
			// Delivery drops the packet's conntrack before the protocol sees it (nf_reset_ct in
			// ip_protocol_deliver_rcu), so even the stack's ICMP errors are born without one: INVALID in
			// raw OUTPUT, RELATED from the lookup on (unlike REJECT's and the router's errors, §3.7).
			if (answer) f.generated.push({ packet: answer.packet, cause: answer.cause, related: null });
			return { type: 'delivered', to: special ? `the host (${special})` : this.deliveredTo(p) };
		}
		if (!this.host.forwarding) {
			f.steps.push({
				type: 'route',
				decision: 'blackhole',
				outIface: null,
				via: null,
				reason: 'not a local address and forwarding is off (ip_forward=0)'
			});
			return {
				type: 'discarded',
				reason: 'forwarding is off (ip_forward=0): dropped silently, no ICMP error (§5.2)'
			};
		}
		if (!route) {
			f.steps.push({
				type: 'route',
				decision: 'unreachable',
				outIface: null,
				via: null,
				reason: 'no route to the destination'
			});
			this.routerError(f, 3, 0, 'no route: the host answers ICMP net unreachable');
			return { type: 'discarded', reason: 'no route to the destination (§5.3)' };
		}
		if (p.ttl <= 1) {
			f.steps.push({
				type: 'route',
				decision: 'forward',
				outIface: route.iface,
				via: route.via,
				reason: route.text
			});
			this.routerError(f, 11, 0, 'TTL expired in transit: the host answers ICMP time exceeded');
			return {
				type: 'discarded',
				reason: `TTL ${p.ttl} expires in transit: never reaches FORWARD (§5.3)`
			};
		}
		f.steps.push({
			type: 'route',
			decision: 'forward',
			outIface: route.iface,
			via: route.via,
			reason: route.text
		});
		p.outIface = route.iface;
		f.nextHop = route.via ?? p.dst;
		f.steps.push({
			type: 'effect',
			effect: { type: 'ttl', before: p.ttl, after: p.ttl - 1 },
			why: 'forwarding decrements the TTL before FORWARD (§5.3)'
		});
		p.ttl -= 1;
		const fwd = this.runHook(f, 'FORWARD');
		if (fwd.type !== 'pass') return this.ended(f, fwd);
		const post = this.runHook(f, 'POSTROUTING');
		if (post.type !== 'pass') return this.ended(f, post);
		return { type: 'sent', outIface: route.iface, via: route.via };
	}

	/** A locally generated packet: the route is chosen before OUTPUT (§5.1, §5.5). */
	private runLocal(f: Flight): Fate {
		const p = f.p;
		p.inIface = null;
		const route = this.model.route(p.dst, p.mark);
		if (!route) {
			f.steps.push({
				type: 'route',
				decision: 'unreachable',
				outIface: null,
				via: null,
				reason: 'no route to the destination'
			});
			return {
				type: 'discarded',
				reason: 'no route: sending fails with ENETUNREACH before any hook'
			};
		}
		if (p.src === 0) p.src = f.chosenSource = route.src ?? 0;
		p.outIface = route.kind === 'local' ? 'lo' : route.iface;
		if (p.src >>> 24 === 127 && p.outIface !== 'lo') {
			// __mkroute_output: a loopback source never leaves over another device.
			f.steps.push({
				type: 'route',
				decision: 'unreachable',
				outIface: null,
				via: null,
				reason: `a ${formatIPv4(p.src)} source cannot leave over ${p.outIface}`
			});
			return {
				type: 'discarded',
				reason: `routing refuses a loopback source towards ${formatIPv4(p.dst)} (EINVAL) before any hook`
			};
		}
		f.nextHop = route.via ?? p.dst;
		f.steps.push({
			type: 'route',
			decision: 'output',
			outIface: p.outIface,
			via: route.via,
			reason: route.text
		});
		const out = this.runHook(f, 'OUTPUT');
		if (out.type !== 'pass') return this.ended(f, out);
		if (f.rerouted) p.outIface = f.rerouted;
		const post = this.runHook(f, 'POSTROUTING');
		if (post.type !== 'pass') return this.ended(f, post);
		if (p.outIface !== 'lo')
			return {
				type: 'sent',
				outIface: p.outIface,
				via: f.reroutedVia === undefined ? route.via : f.reroutedVia
			};
		// To an own address: the same skb comes back in over lo with its conntrack entry (§3.5).
		f.loopbackInput = true;
		p.inIface = 'lo';
		p.outIface = null;
		return this.afterArrival(f);
	}

	/** Runs every slot of a hook: the tables in priority order, conntrack lookup and confirm. */
	private runHook(f: Flight, hook: Hook): HookResult {
		f.steps.push({ type: 'hook', hook });
		const before = hook === 'OUTPUT' ? { mark: f.p.mark, tos: f.p.tos, dst: f.p.dst } : null;
		for (const slot of hookSlots(hook, this.host.backend)) {
			if (slot.type === 'ct-lookup') {
				this.lookup(f);
				continue;
			}
			if (slot.type === 'ct-confirm') {
				this.confirm(f);
				continue;
			}
			if (slot.table === 'nat') {
				if (!this.natOn) continue;
				const dst = f.p.dst;
				const stop: { outcome: HookResult | null } = { outcome: null };
				natSlot(hook, {
					p: f.p,
					ct: f.ct,
					untracked: f.untracked,
					steps: f.steps,
					oracle: (entry) => this.ct.natOracle(entry, () => Math.floor(this.natRandom() * 65536)),
					bindStep: (entry, text) => f.steps.push(this.bindStep(f, entry, text)),
					runChain: () => {
						const outcome = this.runChain(f, hook, 'nat');
						if (f.pendingBind && f.ct?.entry)
							f.steps.push(this.bindStep(f, f.ct.entry, f.pendingBind));
						f.pendingBind = null;
						if (outcome && outcome.type !== 'accept') stop.outcome = outcome;
						return stop.outcome !== null;
					}
				});
				if (stop.outcome) return stop.outcome;
				// §4.5: a DNAT in nat OUTPUT reroutes the packet, keeping the source it has.
				if (hook === 'OUTPUT' && f.p.dst !== dst) {
					const failed = this.reroute(f, 'nat OUTPUT');
					if (failed) return { type: 'discard', reason: failed };
				}
				continue;
			}
			const outcome = this.runChain(f, hook, slot.table);
			if (!outcome) continue;
			if (outcome.type !== 'accept') return outcome;
			if (before && slot.table === 'mangle') {
				const failed = this.rerouteAfterMangle(f, before);
				if (failed) return { type: 'discard', reason: failed };
			}
		}
		return { type: 'pass' };
	}

	/** Walks a table's base chain at a hook, if it exists; null when it does not. */
	private runChain(f: Flight, hook: Hook, table: TargetEnv['table']): ChainOutcome | null {
		const chain = baseChain(this.ruleset, table, hook, this.host.backend);
		if (!chain) return null;
		const compiled = this.compiled.get(table)!.get(chain.name)!;
		return walkBaseChain(compiled, hook, f.p, this.env(f, hook, table), f.steps, this.budget);
	}

	private env(f: Flight, hook: Hook, table: TargetEnv['table']): TargetEnv {
		return {
			natBind: table === 'nat' ? (request) => this.natBind(f, hook, request) : undefined,
			hook,
			table,
			ct: f.ct,
			host: this.model,
			state: this.state,
			ctTimeLeft: (entry) => this.ct.timeLeft(entry, f.p.time),
			setUntracked: () => {
				f.untracked = true;
			},
			setCtTemplate: (template) => {
				f.template = template;
			}
		};
	}

	/**
	 * A NAT target's binding (nf_nat_setup_info) for the connection of `f`: the rule step shows
	 * the tuple before → after; the packet is rewritten when the nat table is done.
	 */
	private natBind(f: Flight, hook: Hook, request: NatRequest): TargetResult {
		const entry = f.ct?.entry;
		const manip = manipOf(hook);
		if (!entry) return { verdict: 'ACCEPT' };
		const resolved = resolveRequest(request, f.p, hook, {
			own: this.model.own,
			nextHop: f.nextHop ?? f.p.dst
		});
		if ('drop' in resolved) return { verdict: 'DROP', note: resolved.drop };
		const oracle = this.ct.natOracle(entry, () => Math.floor(this.natRandom() * 65536));
		const { before, after } = setupBinding(entry, resolved.range, manip, oracle);
		const side = (t: typeof before) =>
			endpointOf(
				{ ...f.p, src: t.src, dst: t.dst, sport: t.sport, dport: t.dport, icmpId: t.sport },
				manip
			);
		f.pendingBind = `${request.kind} binding: replies will come as ${describeEnds(entry.reply)}`;
		return {
			verdict: 'ACCEPT',
			effect: { type: 'nat', manip, before: side(before), after: side(after) }
		};
	}

	private bindStep(f: Flight, entry: CtEntry, text: string): Step {
		return {
			type: 'conntrack',
			phase: 'bind',
			text,
			state: f.ct!.state,
			dir: f.ct!.dir,
			entry: this.ct.snapshot(entry)
		};
	}

	/** The packet's conntrack as a step view (null before any lookup or with conntrack off). */
	private view(ref: CtRef | null): CtView | null {
		if (!ref) return null;
		return {
			state: ref.state,
			dir: ref.dir,
			entry: ref.entry ? this.ct.snapshot(ref.entry) : null
		};
	}

	private lookup(f: Flight): void {
		if (!this.ctOn) return;
		// Loopback input and kernel-generated errors already carry their entry (§3.5, §3.7);
		// an INVALID packet carries none and is looked up again.
		if (f.ct && !f.untracked && f.ct.state !== 'INVALID') {
			f.steps.push(this.ctStep('lookup', f.ct));
			return;
		}
		const ref: CtRef = this.ct.lookup(f.p, {
			local: f.local,
			loopbackInput: f.loopbackInput,
			tcpLoose: this.host.tcpLoose,
			untracked: f.untracked,
			template: f.template
		});
		f.ct = ref;
		f.steps.push(this.ctStep('lookup', ref));
		const note = trackingNote(f.p.proto);
		if (note) f.steps.push({ type: 'note', text: note });
	}

	private confirm(f: Flight): void {
		if (!this.ctOn || !f.ct?.entry || f.untracked) return;
		const result = this.ct.confirm(f.ct, f.p.time);
		f.steps.push(this.ctStep('confirm', f.ct));
		if (result === 'clash') {
			f.steps.push({
				type: 'note',
				text: 'conntrack confirm clashed with an entry created meanwhile; the kernel would drop or merge this packet, nfwalk lets it pass'
			});
		}
	}

	private ctStep(phase: 'lookup' | 'confirm', ref: CtRef): Step {
		return {
			type: 'conntrack',
			phase,
			state: ref.state,
			dir: ref.dir,
			entry: ref.entry ? this.ct.snapshot(ref.entry) : null
		};
	}

	/**
	 * After mangle OUTPUT the kernel reroutes when the mark, TOS or destination changed (§5.5).
	 * Later OUTPUT chains still see the old `-o`; POSTROUTING sees the new device; the source
	 * address is not recomputed.
	 */
	private rerouteAfterMangle(
		f: Flight,
		before: { mark: number; tos: number; dst: number }
	): string | null {
		const p = f.p;
		if (p.mark === before.mark && p.tos === before.tos && p.dst === before.dst) return null;
		return this.reroute(f, 'mangle OUTPUT');
	}

	/**
	 * ip_route_me_harder after `after` changed a local packet: the new device applies from
	 * POSTROUTING. It fails — the packet is dropped and the program's send returns the error — when
	 * there is no route, or when a loopback source would leave over another device (EINVAL).
	 * Returns why it failed, or null.
	 */
	private reroute(f: Flight, after: string): string | null {
		const p = f.p;
		const route = this.model.route(p.dst, p.mark);
		if (!route)
			return `rerouting after ${after} found no route to ${formatIPv4(p.dst)}: dropped (ENETUNREACH)`;
		const iface = route.kind === 'local' ? 'lo' : route.iface;
		if (p.src >>> 24 === 127 && iface !== 'lo')
			return `rerouting after ${after}: a ${formatIPv4(p.src)} source cannot leave over ${iface}, so the kernel drops the packet (EINVAL)`;
		f.steps.push({
			type: 'route',
			decision: 'output',
			outIface: iface,
			via: route.via,
			reason: `rerouted after ${after}: ${route.text}`
		});
		f.nextHop = route.via ?? p.dst;
		if (iface !== (f.rerouted ?? p.outIface)) {
			f.steps.push({
				type: 'note',
				text: `later OUTPUT chains still match -o ${p.outIface}; POSTROUTING sees ${iface} (§5.5); the source address stays ${formatIPv4(p.src)}`
			});
			f.rerouted = iface;
		}
		f.reroutedVia = route.via;
		return null;
	}

	/** How a hook's verdict ends the packet, and what the host sends because of it. */
	private ended(f: Flight, r: Exclude<HookResult, { type: 'pass' }>): Fate {
		if (r.type === 'discard' || r.type === 'aborted')
			return { type: 'discarded', reason: r.reason };
		if (r.type === 'queued')
			return {
				type: 'stolen',
				reason: `NFQUEUE at ${r.place.table} ${r.place.chain} rule ${r.rule}: no program listens, so the packet is dropped (§2.6)`
			};
		if (r.type === 'reject') {
			const src = this.errorSource(f.p);
			// An ICMP message the host itself is sending (an echo reply, an error) holds the kernel's
			// ICMP socket while it walks OUTPUT: icmp_send cannot take it, so REJECT sends no ICMP error.
			const icmpBusy =
				f.local && !f.byProgram && f.p.proto === IPPROTO.icmp && r.rejectWith !== 'tcp-reset';
			const packet = icmpBusy ? null : rejectPacket(f.p, r.rejectWith, src);
			if (packet) {
				f.generated.push({
					packet,
					cause: `REJECT --reject-with ${r.rejectWith} at ${r.place.table} ${r.place.chain} rule ${r.rule}`,
					related: this.relatedTo(f)
				});
			}
			return {
				type: 'dropped',
				by: { ...r.place, rule: r.rule },
				reason: `rejected with ${r.rejectWith}${packet ? '' : icmpBusy ? ' (nothing sent: the host is sending this ICMP message itself and its ICMP socket is busy)' : ' (nothing sent)'}`
			};
		}
		const verdict = r.rule === null ? 'policy DROP' : 'DROP';
		// §2.7: a local program whose packet OUTPUT drops sees its send fail with EPERM.
		const local = f.byProgram && r.place.hook === 'OUTPUT';
		return {
			type: 'dropped',
			by: { ...r.place, rule: r.rule },
			reason: local
				? `${verdict}: the sending program gets EPERM (Operation not permitted)`
				: verdict
		};
	}

	/**
	 * An arriving packet to a broadcast address (limited, or directed to a subnet of the host) or to
	 * the all-hosts group 224.0.0.1 is delivered locally whatever the routes say; another multicast
	 * group is not joined. Null for any other destination.
	 */
	private broadcastRoute(p: Packet): string | 'not-joined' | null {
		if (this.model.isBroadcast(p.dst)) return `broadcast ${formatIPv4(p.dst)}`;
		if (p.dst >>> 28 !== 0xe) return null;
		return p.dst === 0xe0000001
			? 'multicast 224.0.0.1, the all-hosts group every interface joins'
			: 'not-joined';
	}

	/** The router's ICMP error about a packet it cannot forward, sent from the incoming interface's address. */
	private routerError(f: Flight, type: number, code: number, cause: string): void {
		if (isIcmpError(f.p)) return;
		f.generated.push({
			packet: icmpError(f.p, type, code, this.errorSource(f.p)),
			cause,
			related: this.relatedTo(f)
		});
	}

	/**
	 * icmp_send's source: the packet's own destination when it was for this host, else the
	 * address of the interface it came in on (§2.5, §5.3).
	 */
	private errorSource(p: Packet): number {
		if (this.model.isLocal(p.dst)) return p.dst;
		const iface = p.inIface;
		return (
			this.model.own.find((a) => a.iface === iface)?.address ?? this.model.route(p.src)?.src ?? 0
		);
	}

	private relatedTo(f: Flight): CtRef | null {
		if (!this.ctOn || !f.ct?.entry) return null;
		return this.ct.related(f.ct) ?? null;
	}

	private deliveredTo(p: Packet): string {
		const proto =
			p.proto === 6 ? 'tcp' : p.proto === 17 ? 'udp' : p.proto === 1 ? 'icmp' : `proto ${p.proto}`;
		return p.proto === 6 || p.proto === 17
			? `the host (${proto}/${p.dport})`
			: `the host (${proto})`;
	}

	counters(): CounterSnapshot[] {
		const out: CounterSnapshot[] = [];
		for (const [table, chains] of this.compiled) {
			for (const c of chains.values()) {
				if (c.chain.builtin)
					out.push({
						table,
						chain: c.chain.name,
						rule: 0,
						packets: c.policyPackets,
						bytes: c.policyBytes
					});
				for (const r of c.rules)
					out.push({
						table,
						chain: c.chain.name,
						rule: r.position,
						packets: r.packets,
						bytes: r.bytes
					});
			}
		}
		return out;
	}
}

/**
 * NAT's core hooks are registered with the first nat chain (nf_nat_register_fn registers all four
 * at once): legacy's nat table has them all once loaded; iptables-nft only if a nat base chain is
 * declared. Without them nothing is bound or rewritten, and no clash is remapped.
 */
function natRegistered(ruleset: Ruleset, backend: 'nft' | 'legacy'): boolean {
	const nat = ruleset.tables.find((t) => t.name === 'nat');
	if (!nat) return false;
	return backend === 'legacy' || nat.chains.some((c) => c.builtin && c.declared);
}

/**
 * Gives every step the packet's conntrack as it is once the step has happened: a lookup, bind or
 * confirm step brings a new view, a ctmark effect a copy with the new mark; the rest share.
 */
function attachViews(steps: Step[], initial: CtView | null): void {
	let view = initial;
	for (let i = 0; i < steps.length; i++) {
		const s = steps[i];
		const next = steps[i + 1];
		if (s.type === 'conntrack') view = { state: s.state, dir: s.dir, entry: s.entry };
		else if (s.type === 'rule' && s.effect?.type === 'nat' && next?.type === 'conntrack') {
			// The NAT rule made the binding its bind step (right after it) records.
			view = { state: next.state, dir: next.dir, entry: next.entry };
		} else if (view?.entry) {
			const effect = s.type === 'rule' || s.type === 'effect' ? s.effect : undefined;
			if (effect?.type === 'ctmark' && effect.after !== view.entry.mark)
				view = { ...view, entry: { ...view.entry, mark: effect.after } };
		}
		if (view) s.ct = view;
	}
}

export function simulate(host: Host, ruleset: Ruleset, packets: readonly ScenarioPacket[]): Trace {
	return new Simulation(host, ruleset).run(packets);
}
