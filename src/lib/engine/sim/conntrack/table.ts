/**
 * The conntrack table of one scenario (§3): the lookup at −200 in PREROUTING/OUTPUT, the confirm
 * after the last chain, RELATED refs for errors the host generates, and expiry by scenario time.
 *
 * A first packet gets an entry that is *not* in the table until `confirm` (§3.6): a packet
 * dropped before confirm leaves no state, and its retransmission is NEW again. Until then NAT may
 * rewrite the entry's `reply` tuple; both tuples are indexed only when the entry is confirmed.
 */
import { IPPROTO, type Packet } from '../packet';
import type {
	CtDirection,
	CtEntry,
	CtRef,
	CtSnapshot,
	CtTemplate,
	CtTuple
} from '../conntrack-types';
import { invertTuple, isIcmpErrorPacket, isIcmpRequest, packetTuple, tupleKey } from './tuple';
import { newMeta, track, type EntryMeta } from './track';
import type { TupleOracle } from '../../nat/unique-tuple';
import { ctStatus } from '../conntrack-types';

export interface LookupOptions {
	/** Locally generated (lookup at OUTPUT −200); the tracking itself is the same. */
	local: boolean;
	/** The input leg of a looped-back packet: it keeps the entry its output leg got (§3.5). */
	loopbackInput: boolean;
	/** `net.netfilter.nf_conntrack_tcp_loose` (default 1): pick up TCP flows on a bare ACK (§3.3). */
	tcpLoose: boolean;
	/** raw marked the packet NOTRACK / CT --notrack (§3.4). */
	untracked: boolean;
	/**
	 * What `-j CT --zone/--helper` in raw attached (xt_CT's template): the lookup's zone (entries in
	 * different zones never meet) and the helper a new entry gets. Direction-only zones
	 * (`--zone-orig`, `--zone-reply`) are treated as zones for both directions (approximation).
	 */
	template?: CtTemplate | null;
}

/** Where a tuple was found: the entry and the direction the tuple is in. */
export interface CtHit {
	entry: CtEntry;
	dir: CtDirection;
}

/** What `confirm` did: inserted the entry, found it already in (or not insertable), or a clash. */
export type ConfirmResult = 'inserted' | 'exists' | 'clash';

const INVALID: CtRef = { entry: null, dir: 'ORIGINAL', state: 'INVALID', master: null };
const UNTRACKED: CtRef = { entry: null, dir: 'ORIGINAL', state: 'UNTRACKED', master: null };

function flip(dir: CtDirection): CtDirection {
	return dir === 'ORIGINAL' ? 'REPLY' : 'ORIGINAL';
}

export class ConntrackTable {
	private readonly byTuple = new Map<string, CtHit>();
	private readonly meta = new WeakMap<CtEntry, EntryMeta>();
	/** Confirmed, live entries in creation order. */
	private readonly live = new Set<CtEntry>();
	private nextId = 1;
	/** The scenario time of the latest lookup, for `entries()`. */
	private now = 0;
	/** The ref the last locally generated packet got: a looped-back packet's input leg keeps it. */
	private lastLocal: CtRef | null = null;

	/** The −200 hook: the packet's entry, direction and state; a first packet's entry is unconfirmed. */
	lookup(p: Packet, opts: LookupOptions): CtRef {
		this.now = Math.max(this.now, p.time);
		if (opts.loopbackInput && this.lastLocal?.entry && this.carries(this.lastLocal.entry, p)) {
			// The skb still carries its conntrack: nf_conntrack_in leaves it alone (§3.5).
			return this.lastLocal;
		}
		const ref = this.resolve(p, opts);
		if (opts.local) this.lastLocal = ref;
		return ref;
	}

	private resolve(p: Packet, opts: LookupOptions): CtRef {
		if (opts.untracked) return { ...UNTRACKED };
		const t = opts.template;
		// `--zone mark` takes the zone from the low 16 bits of the packet's mark at lookup time.
		const zone = !t ? 0 : t.zone === 'mark' ? p.mark & 0xffff : t.zone;
		if (isIcmpErrorPacket(p)) return this.relatedError(p, zone);
		for (let attempt = 0; attempt < 2; attempt++) {
			const tuple = packetTuple(p);
			const hit = this.find(tuple, zone);
			if (!hit) return this.create(p, tuple, zone, opts.tcpLoose, t?.helper ?? null);
			const { entry, dir } = hit;
			const seenReply = entry.status.seenReply;
			const result = track(entry, this.metaOf(entry), dir, p, opts.tcpLoose);
			if (result === 'invalid') return { ...INVALID };
			if (result === 'repeat') {
				this.delete(entry);
				continue;
			}
			this.dropIfDead(entry);
			// "Once we've had two way comms, always ESTABLISHED": an original-direction packet
			// before any reply is still NEW (a retransmitted SYN, a second UDP query).
			const state = dir === 'REPLY' || seenReply ? 'ESTABLISHED' : 'NEW';
			if (dir === 'REPLY') entry.status.seenReply = true;
			return { entry, dir, state, master: null };
		}
		return { ...INVALID };
	}

	/** A first packet: a new entry, unconfirmed and not yet in the table, or INVALID. */
	private create(
		p: Packet,
		tuple: CtTuple,
		zone: number,
		loose: boolean,
		helper: string | null
	): CtRef {
		// icmp_new: only a query (echo, timestamp, info, mask request) opens an entry.
		if (p.proto === IPPROTO.icmp && !isIcmpRequest(p)) return { ...INVALID };
		const reply = invertTuple(tuple);
		if (!reply) return { ...INVALID };
		const entry: CtEntry = {
			id: 0,
			orig: tuple,
			reply,
			status: ctStatus(),
			tcpState: p.proto === IPPROTO.tcp ? 'NONE' : null,
			mark: 0,
			zone,
			helper,
			packets: [0, 0],
			bytes: [0, 0],
			lastSeen: p.time
		};
		const meta = newMeta(zone);
		this.meta.set(entry, meta);
		if (track(entry, meta, 'ORIGINAL', p, loose) !== 'ok') return { ...INVALID };
		entry.id = this.nextId++;
		return { entry, dir: 'ORIGINAL', state: 'NEW', master: null };
	}

	/**
	 * An ICMP error is RELATED to the flow it quotes (nf_conntrack_inet_error): the quoted header's
	 * tuple, inverted, must be in the table, and the error must go to that flow's endpoint. It is in
	 * the REPLY direction when it travels against the quoted flow's original direction (§3.2).
	 */
	private relatedError(p: Packet, zone: number): CtRef {
		if (!p.embedded) return { ...INVALID };
		const inner = invertTuple(packetTuple(p.embedded));
		const hit = inner && this.find(inner, zone);
		if (!hit) return { ...INVALID };
		const found = hit.dir === 'ORIGINAL' ? hit.entry.orig : hit.entry.reply;
		if (found.dst !== p.dst) return { ...INVALID };
		return { entry: hit.entry, dir: hit.dir, state: 'RELATED', master: hit.entry };
	}

	/**
	 * After the last chain (POSTROUTING, INPUT): a new entry goes into the table. An entry already
	 * in it, a reply-direction RELATED packet on an unconfirmed entry (a REJECT of a first packet)
	 * and an entry killed meanwhile are left alone.
	 */
	confirm(ref: CtRef, now: number): ConfirmResult {
		const entry = ref.entry;
		if (!entry || entry.status.confirmed || ref.dir !== 'ORIGINAL') return 'exists';
		const meta = this.metaOf(entry);
		if (meta.dead) return 'exists';
		const keys = [this.key(entry.orig, meta.zone), this.key(entry.reply, meta.zone)];
		// Two unconfirmed entries for one tuple: the kernel drops the later packet (no clash
		// resolution is simulated; a serial scenario rarely gets here).
		if (keys.some((k) => this.byTuple.has(k))) return 'clash';
		this.byTuple.set(keys[0], { entry, dir: 'ORIGINAL' });
		this.byTuple.set(keys[1], { entry, dir: 'REPLY' });
		entry.status.confirmed = true;
		entry.lastSeen = now;
		meta.expires = now + meta.timeout;
		this.live.add(entry);
		return 'inserted';
	}

	/**
	 * The conntrack a packet the host generates because of `cause` carries from birth (a REJECT
	 * reply, an ICMP error; nf_conntrack_attach, §2.5, §3.7): RELATED, in the direction opposite to
	 * the cause's. Null when the cause had no entry (INVALID, UNTRACKED): the error is then looked up
	 * like any packet at −200.
	 */
	related(cause: CtRef): CtRef | null {
		if (!cause.entry) return null;
		return { entry: cause.entry, dir: flip(cause.dir), state: 'RELATED', master: cause.entry };
	}

	/** The live entry holding `tuple` (either direction), or null; expired entries are dropped here. */
	find(tuple: CtTuple, zone = 0): CtHit | null {
		const hit = this.byTuple.get(this.key(tuple, zone));
		if (!hit) return null;
		if (this.metaOf(hit.entry).expires <= this.now) {
			this.delete(hit.entry);
			return null;
		}
		return hit;
	}

	/**
	 * What NAT's tuple choice asks of the table on behalf of `entry` (not yet confirmed):
	 * nf_nat_used_tuple (is the reply of this would-be original tuple another entry's?) and the
	 * bysource list of connections already bound at SRC, newest first.
	 */
	natOracle(entry: CtEntry, randomU16: () => number): TupleOracle {
		const zone = this.metaOf(entry).zone;
		return {
			zone,
			randomU16,
			used: (tuple) => {
				const reply = invertTuple(tuple);
				const hit = reply && this.find(reply, zone);
				// Two entries with the same original tuple are one flow; confirm sorts that out.
				return !!hit && hit.entry !== entry && tupleKey(hit.entry.orig) !== tupleKey(entry.orig);
			},
			sameSource: (tuple) =>
				[...this.live]
					.reverse()
					.filter(
						(e) =>
							e !== entry &&
							e.status.srcNatDone &&
							this.metaOf(e).zone === zone &&
							e.orig.proto === tuple.proto &&
							e.orig.src === tuple.src &&
							e.orig.sport === tuple.sport
					)
					.map((e) => e.reply)
		};
	}

	/** `conntrack -D`: removes the entry; its next packet is NEW again (§4.6). */
	delete(entry: CtEntry): void {
		const zone = this.metaOf(entry).zone;
		for (const t of [entry.orig, entry.reply]) {
			const k = this.key(t, zone);
			if (this.byTuple.get(k)?.entry === entry) this.byTuple.delete(k);
		}
		this.live.delete(entry);
	}

	/** `conntrack -L` at `now` (default: the latest packet's time), oldest first. */
	entries(now = this.now): CtSnapshot[] {
		for (const e of [...this.live]) if (this.metaOf(e).expires <= now) this.delete(e);
		return [...this.live].map((e) => this.snapshot(e));
	}

	/** Seconds until the entry expires, as `conntrack -L` prints in its third column. */
	timeLeft(entry: CtEntry, now = this.now): number {
		const meta = this.metaOf(entry);
		return entry.status.confirmed ? Math.max(0, meta.expires - now) : meta.timeout;
	}

	snapshot(entry: CtEntry): CtSnapshot {
		return {
			...entry,
			orig: { ...entry.orig },
			reply: { ...entry.reply },
			status: { ...entry.status },
			packets: [...entry.packets],
			bytes: [...entry.bytes]
		};
	}

	private dropIfDead(entry: CtEntry): void {
		if (this.metaOf(entry).dead) this.delete(entry);
	}

	/** Whether `p` belongs to the entry as it is now (after any NAT of the output leg). */
	private carries(entry: CtEntry, p: Packet): boolean {
		const k = tupleKey(packetTuple(p));
		const inv = invertTuple(entry.reply);
		return (
			k === tupleKey(entry.orig) || k === tupleKey(entry.reply) || (!!inv && k === tupleKey(inv))
		);
	}

	private key(t: CtTuple, zone: number): string {
		return `${zone}|${tupleKey(t)}`;
	}

	private metaOf(entry: CtEntry): EntryMeta {
		let m = this.meta.get(entry);
		if (!m) {
			// An entry built outside the table (a spec, the NAT engine): give it defaults.
			m = newMeta(entry.zone);
			this.meta.set(entry, m);
		}
		return m;
	}
}
