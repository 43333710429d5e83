/**
 * One line about each option, shown beside its completion. Written from the iptables-extensions
 * and iptables man pages; keyed by extension name, then by the option's canonical name (the
 * registry's, without dashes). A spec checks that every registered option has a line.
 */

/** The rule's own options (iptables(8)), which every rule may use whatever it loads. */
export const RULE_OPTION_DOCS: Readonly<Record<string, string>> = {
	'-p': 'protocol: tcp, udp, icmp, all, a name from /etc/protocols or a number',
	'-s': 'source address[/mask]',
	'-d': 'destination address[/mask]',
	'-i': 'interface the packet came in by (PREROUTING, INPUT, FORWARD); `+` ends a wildcard',
	'-o': 'interface the packet goes out by (FORWARD, OUTPUT, POSTROUTING); `+` ends a wildcard',
	'-f': 'second and later fragments of a fragmented packet only',
	'-m': 'load a match module, e.g. -m conntrack',
	'-j': 'what to do when the rule matches: a verdict, a target or a user chain',
	'-g': 'continue in a user chain; its RETURN goes back past this chain',
	'-c': 'set the rule’s packet and byte counters',
	'!': 'invert the test that follows'
};

/** The commands (iptables(8)) a line can start with. */
export const COMMAND_DOCS: Readonly<Record<string, string>> = {
	'-A': 'append a rule to the end of a chain',
	'-I': 'insert a rule at the head of a chain (or at a position)',
	'-D': 'delete a rule from a chain',
	'-R': 'replace the rule at a position',
	'-N': 'create a user chain',
	'-X': 'delete a user chain',
	'-F': 'flush (delete every rule of) a chain',
	'-Z': 'zero a chain’s counters',
	'-P': 'set a built-in chain’s policy (ACCEPT or DROP)',
	'-E': 'rename a user chain',
	'-t': 'the table the command works on (default filter)'
};

const PORTS = {
	sport: 'source port or port range (PORT[:PORT])',
	dport: 'destination port or port range (PORT[:PORT])'
};
const MARK_SET = {
	'set-xmark': 'zero the bits in MASK, then XOR VALUE (VALUE[/MASK])',
	'set-mark': 'zero the bits in MASK, then OR VALUE (VALUE[/MASK])',
	'and-mark': 'binary AND with the value',
	'or-mark': 'binary OR with the value',
	'xor-mark': 'binary XOR with the value'
};
const TOS_SET = {
	'set-tos': 'zero the bits in MASK, then XOR VALUE (VALUE[/MASK] or a symbolic name)',
	'and-tos': 'binary AND with the value',
	'or-tos': 'binary OR with the value',
	'xor-tos': 'binary XOR with the value'
};

/** Per extension: option name → one line. */
export const OPTION_DOCS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
	// Matches
	comment: { comment: 'a note of up to 256 characters; matches every packet' },
	tcp: {
		...PORTS,
		'tcp-flags': 'flags to examine, then the ones that must be set (e.g. SYN,ACK SYN)',
		syn: 'only SYN packets with ACK, RST and FIN clear: new connection attempts',
		'tcp-option': 'the TCP option with this kind number is present'
	},
	udp: PORTS,
	conntrack: {
		ctstate: 'connection state: INVALID, NEW, ESTABLISHED, RELATED, UNTRACKED, SNAT, DNAT',
		ctproto: 'layer-4 protocol of the connection',
		ctorigsrc: 'source address of the original direction',
		ctorigdst: 'destination address of the original direction',
		ctreplsrc: 'source address of the reply direction',
		ctrepldst: 'destination address of the reply direction',
		ctstatus: 'status bits: NONE, EXPECTED, SEEN_REPLY, ASSURED, CONFIRMED',
		ctexpire: 'remaining lifetime in seconds (N or N:M)',
		ctorigsrcport: 'source port of the original direction',
		ctorigdstport: 'destination port of the original direction',
		ctreplsrcport: 'source port of the reply direction',
		ctrepldstport: 'destination port of the reply direction',
		ctdir: 'packet direction: ORIGINAL or REPLY'
	},
	state: { state: 'connection state: INVALID, NEW, ESTABLISHED, RELATED, UNTRACKED' },
	connmark: { mark: 'the connection mark ANDed with MASK equals VALUE (VALUE[/MASK])' },
	connbytes: {
		connbytes: 'amount transferred, FROM[:TO]',
		'connbytes-dir': 'which direction counts: original, reply or both',
		'connbytes-mode': 'what counts: packets, bytes or avgpkt'
	},
	connlimit: {
		'connlimit-upto': 'match while the connection count is at most N',
		'connlimit-above': 'match when the connection count is above N',
		'connlimit-mask': 'group addresses by this prefix length before counting',
		'connlimit-saddr': 'count per source address group (default)',
		'connlimit-daddr': 'count per destination address group'
	},
	connlabel: {
		label: 'the connection has this label (name or bit number)',
		set: 'set the label if it is not set yet'
	},
	helper: { helper: 'connections handled by the named conntrack helper, e.g. ftp' },
	cluster: {
		'cluster-total-nodes': 'number of nodes in the cluster',
		'cluster-local-node': 'this node’s number',
		'cluster-local-nodemask': 'this node’s numbers as a bit mask',
		'cluster-hash-seed': 'seed of the hash (the same on every node)'
	},
	socket: {
		transparent: 'only sockets with IP_TRANSPARENT set',
		nowildcard: 'do not match sockets bound to 0.0.0.0',
		'restore-skmark': 'copy the socket’s mark to the packet'
	},
	mark: { mark: 'the packet mark ANDed with MASK equals VALUE (VALUE[/MASK])' },
	tos: { tos: 'the TOS byte ANDed with MASK equals VALUE (VALUE[/MASK] or a name)' },
	dscp: {
		dscp: 'DSCP equals this value (0–63)',
		'dscp-class': 'DSCP equals this class, e.g. AF41 or EF'
	},
	ttl: {
		'ttl-eq': 'TTL equals N',
		'ttl-lt': 'TTL less than N',
		'ttl-gt': 'TTL greater than N',
		ttl: 'TTL equals N (old spelling of --ttl-eq)'
	},
	ecn: {
		'ecn-tcp-cwr': 'the TCP CWR bit is set',
		'ecn-tcp-ece': 'the TCP ECE bit is set',
		'ecn-ip-ect': 'the IP ECT code point equals 0–3'
	},
	tcpmss: { mss: 'the MSS option of a SYN is in VALUE[:VALUE]' },
	icmp: { 'icmp-type': 'ICMP type by name or TYPE[/CODE], e.g. echo-request' },
	multiport: {
		sports: 'source port in this comma list (up to 15, ranges count twice)',
		dports: 'destination port in this comma list',
		ports: 'source or destination port in this comma list'
	},
	iprange: {
		'src-range': 'source address within FROM-TO',
		'dst-range': 'destination address within FROM-TO'
	},
	addrtype: {
		'src-type': 'source address type, e.g. LOCAL, UNICAST, BROADCAST, MULTICAST',
		'dst-type': 'destination address type, e.g. LOCAL, UNICAST, BROADCAST, MULTICAST',
		'limit-iface-in': 'judge the type on the incoming interface only',
		'limit-iface-out': 'judge the type on the outgoing interface only'
	},
	length: { length: 'IP packet length in LENGTH[:LENGTH]' },
	pkttype: { 'pkt-type': 'link-layer type: unicast, broadcast or multicast' },
	mac: { 'mac-source': 'Ethernet source address XX:XX:XX:XX:XX:XX' },
	ah: { ahspi: 'AH security parameter index SPI[:SPI]' },
	esp: { espspi: 'ESP security parameter index SPI[:SPI]' },
	ipcomp: {
		ipcompspi: 'IPComp compression parameter index SPI[:SPI]',
		compres: 'the reserved field is non-zero'
	},
	dccp: {
		...PORTS,
		'dccp-types': 'packet type in this comma list, e.g. REQUEST,RESPONSE',
		'dccp-option': 'the DCCP option with this number is present'
	},
	sctp: { ...PORTS, 'chunk-types': 'all|any|only, then a list of chunk types with flags' },
	u32: { u32: 'tests on 32-bit words of the packet: location operators and value ranges' },
	string: {
		from: 'start searching at this offset',
		to: 'stop searching at this offset',
		algo: 'search algorithm: bm (Boyer-Moore) or kmp',
		string: 'the text to look for',
		'hex-string': 'the bytes to look for, in |hex| notation',
		icase: 'ignore case'
	},
	bpf: {
		bytecode: 'a classic BPF program as nfbpf_compile prints it',
		'object-pinned': 'a pinned eBPF program’s path in the BPF file system'
	},
	realm: { realm: 'routing realm VALUE[/MASK] or a name from rt_realms' },
	cpu: { cpu: 'the number of the CPU handling the packet' },
	cgroup: {
		path: 'cgroup v2 path of the socket’s process',
		cgroup: 'net_cls classid of the socket’s cgroup'
	},
	osf: {
		genre: 'the OS genre the SYN fingerprint points to, e.g. Linux',
		ttl: 'how to compare the TTL: 0 exact, 1 same or less, 2 ignore',
		log: 'log matching fingerprints: 0 all, 1 first, 2 known'
	},
	physdev: {
		'physdev-in': 'bridge port the packet came in by',
		'physdev-out': 'bridge port the packet goes out by',
		'physdev-is-in': 'the packet came in by a bridge port',
		'physdev-is-out': 'the packet will leave by a bridge port',
		'physdev-is-bridged': 'the packet is bridged (not routed)'
	},
	policy: {
		dir: 'which policy: in (decapsulation) or out (encapsulation)',
		pol: 'ipsec (processed by IPsec) or none',
		strict: 'the policy must match the elements given exactly',
		reqid: 'reqid of the policy rule',
		spi: 'SPI of the security association',
		proto: 'encapsulation protocol: ah, esp or ipcomp',
		mode: 'tunnel or transport',
		'tunnel-src': 'tunnel source address[/mask]',
		'tunnel-dst': 'tunnel destination address[/mask]',
		next: 'start the next policy element (with --strict)'
	},
	owner: {
		'uid-owner': 'the socket’s owner is this user (name, UID or range)',
		'gid-owner': 'the socket’s file system group is this group',
		'socket-exists': 'the packet has a local socket',
		'suppl-groups': 'also look at the user’s supplementary groups'
	},
	rpfilter: {
		loose: 'accept if the source is routable by any interface',
		validmark: 'use the packet mark in the reverse lookup',
		'accept-local': 'accept packets from a local address',
		invert: 'match packets that fail the check'
	},
	limit: {
		limit: 'average rate, e.g. 3/minute (default 3/hour)',
		'limit-burst': 'packets that may match at once before the rate applies (default 5)'
	},
	hashlimit: {
		'hashlimit-upto': 'match while the rate is at most AMOUNT/unit',
		'hashlimit-above': 'match when the rate is above AMOUNT/unit',
		'hashlimit-srcmask': 'group source addresses by this prefix length',
		'hashlimit-dstmask': 'group destination addresses by this prefix length',
		'hashlimit-burst': 'packets that may match at once (default 5)',
		'hashlimit-htable-size': 'buckets of the hash table',
		'hashlimit-htable-max': 'maximum entries in the hash table',
		'hashlimit-htable-gcinterval': 'milliseconds between garbage collections',
		'hashlimit-htable-expire': 'milliseconds after which an idle entry expires',
		'hashlimit-mode': 'what to hash: srcip, srcport, dstip, dstport',
		'hashlimit-name': 'name of the table in /proc/net/ipt_hashlimit',
		'hashlimit-rate-match': 'match by the measured rate instead of limiting',
		'hashlimit-rate-interval': 'seconds between rate measurements'
	},
	recent: {
		set: 'add the address to the list',
		rcheck: 'the address is in the list',
		update: 'the address is in the list; refresh its last-seen time',
		remove: 'remove the address from the list',
		seconds: 'only entries seen within this many seconds',
		reap: 'purge entries older than --seconds',
		hitcount: 'only entries seen at least this many times',
		rttl: 'the TTL must also equal the one of the --set packet',
		name: 'the list’s name (default DEFAULT)',
		rsource: 'remember the source address (default)',
		rdest: 'remember the destination address',
		mask: 'netmask applied to the address'
	},
	quota: {
		quota: 'match until this many bytes have passed',
		remain: 'bytes left before the quota is used up'
	},
	statistic: {
		mode: 'random or nth',
		probability: 'chance 0.0–1.0 that a packet matches (random)',
		every: 'match one packet in N (nth)',
		packet: 'which packet of every N matches, 0 to N-1 (nth)'
	},
	time: {
		datestart: 'from this date, YYYY[-MM[-DD[Thh[:mm[:ss]]]]]',
		datestop: 'until this date',
		timestart: 'from this time of day, hh:mm[:ss]',
		timestop: 'until this time of day',
		contiguous: 'a timestop before timestart ends on the next day',
		weekdays: 'on these weekdays, e.g. Mon,Tue or 1–7',
		monthdays: 'on these days of the month, 1–31',
		localtz: 'times are local (kernel timezone)',
		utc: 'times are UTC (default)',
		kerneltz: 'times use the kernel’s timezone',
		days: 'removed option: use --weekdays'
	},
	set: {
		'match-set': 'the address (or port) is in the ipset: SETNAME src|dst[,…]',
		'return-nomatch': 'also match entries marked nomatch',
		'update-counters': 'update the set’s packet counters (default)',
		'update-subcounters': 'update the counters of a list:set’s member set',
		'packets-eq': 'the entry’s packet counter equals N',
		'packets-lt': 'the entry’s packet counter is below N',
		'packets-gt': 'the entry’s packet counter is above N',
		'bytes-eq': 'the entry’s byte counter equals N',
		'bytes-lt': 'the entry’s byte counter is below N',
		'bytes-gt': 'the entry’s byte counter is above N'
	},
	nfacct: { 'nfacct-name': 'the nfacct object that counts the packets' },
	rateest: {
		rateest1: 'the first estimator’s name',
		rateest2: 'the second estimator’s name',
		'rateest-delta': 'compare the estimator with a fixed rate (delta)',
		'rateest-bps1': 'compare the first estimator’s bytes per second',
		'rateest-pps1': 'compare the first estimator’s packets per second',
		'rateest-bps2': 'compare the second estimator’s bytes per second',
		'rateest-pps2': 'compare the second estimator’s packets per second',
		'rateest-lt': 'match if less than',
		'rateest-gt': 'match if greater than',
		'rateest-eq': 'match if equal'
	},
	ipvs: {
		ipvs: 'the packet belongs to an IPVS connection',
		vproto: 'virtual service protocol',
		vaddr: 'virtual service address[/mask]',
		vport: 'virtual service port',
		vdir: 'ORIGINAL or REPLY',
		vmethod: 'forwarding method: GATE, IPIP or MASQ',
		vportctl: 'port of the controlling connection (e.g. FTP 21)'
	},
	// Targets
	DNAT: {
		'to-destination': 'new destination ADDRESS[-ADDRESS][:PORT[-PORT]]',
		random: 'pick the port at random',
		persistent: 'give a client the same address on every connection'
	},
	SNAT: {
		'to-source': 'new source ADDRESS[-ADDRESS][:PORT[-PORT]]',
		random: 'pick the port at random',
		'random-fully': 'pick the port fully at random (PRNG)',
		persistent: 'give a client the same address on every connection'
	},
	MASQUERADE: {
		'to-ports': 'source port range to use, PORT[-PORT]',
		random: 'pick the port at random',
		'random-fully': 'pick the port fully at random (PRNG)'
	},
	REDIRECT: {
		'to-ports': 'local port (range) to redirect to',
		random: 'pick the port at random'
	},
	NETMAP: { to: 'the network ADDRESS/MASK the addresses map onto' },
	CLUSTERIP: {
		new: 'create the cluster IP (first rule only)',
		hashmode: 'sourceip, sourceip-sourceport or sourceip-sourceport-destport',
		clustermac: 'the cluster’s multicast MAC address',
		'total-nodes': 'number of nodes in the cluster',
		'local-node': 'this node’s number',
		'hash-init': 'hash seed'
	},
	CT: {
		notrack: 'do not track the packet',
		helper: 'attach this conntrack helper, e.g. ftp',
		timeout: 'use this timeout policy (nfct timeout)',
		ctevents: 'only report these conntrack events',
		expevents: 'only report these expectation events',
		'zone-orig': 'conntrack zone for the original direction',
		'zone-reply': 'conntrack zone for the reply direction',
		zone: 'conntrack zone (number, or mark)'
	},
	SYNPROXY: {
		'sack-perm': 'pass SACK-permitted to the client',
		timestamp: 'pass the timestamp option to the client',
		wscale: 'window scale option to announce',
		mss: 'MSS to announce',
		ecn: 'announce ECN'
	},
	TPROXY: {
		'on-port': 'the local port the proxy listens on',
		'on-ip': 'the local address the proxy listens on',
		'tproxy-mark': 'mark the packet VALUE[/MASK] for policy routing'
	},
	CONNMARK: {
		...MARK_SET,
		'save-mark': 'copy the packet mark to the connection mark',
		'restore-mark': 'copy the connection mark to the packet mark',
		'left-shift-mark': 'shift the mark left by N bits before storing',
		'right-shift-mark': 'shift the mark right by N bits before storing',
		ctmask: 'bits of the connection mark to change',
		nfmask: 'bits of the packet mark to change',
		mask: 'bits to copy with --save-mark/--restore-mark'
	},
	LOG: {
		'log-level': 'syslog level, e.g. warning or 4',
		'log-prefix': 'text before the log line (up to 29 characters)',
		'log-tcp-sequence': 'log TCP sequence numbers',
		'log-tcp-options': 'log TCP options',
		'log-ip-options': 'log IP options',
		'log-uid': 'log the socket owner’s UID',
		'log-macdecode': 'decode the MAC header'
	},
	NFLOG: {
		'nflog-group': 'netlink group (0–65535) the log goes to',
		'nflog-prefix': 'text before the log message (up to 64 characters)',
		'nflog-range': 'obsolete: use --nflog-size',
		'nflog-size': 'bytes of the packet to copy',
		'nflog-threshold': 'packets to queue in the kernel before sending'
	},
	NFQUEUE: {
		'queue-num': 'the queue number (0–65535)',
		'queue-balance': 'spread over queues FROM:TO',
		'queue-bypass': 'accept the packet when no program listens',
		'queue-cpu-fanout': 'pick the queue by CPU (with --queue-balance)'
	},
	REJECT: { 'reject-with': 'the error to send, e.g. icmp-port-unreachable or tcp-reset' },
	MARK: MARK_SET,
	TOS: TOS_SET,
	DSCP: {
		'set-dscp': 'set DSCP to this value (0–63)',
		'set-dscp-class': 'set DSCP to this class, e.g. EF'
	},
	TTL: {
		'ttl-set': 'set the TTL to N',
		'ttl-dec': 'decrement the TTL by N',
		'ttl-inc': 'increment the TTL by N'
	},
	ECN: {
		'ecn-tcp-remove': 'clear all ECN bits of the TCP header',
		'ecn-tcp-cwr': 'set the TCP CWR bit to 0 or 1',
		'ecn-tcp-ece': 'set the TCP ECE bit to 0 or 1',
		'ecn-ip-ect': 'set the IP ECT code point to 0–3'
	},
	CLASSIFY: { 'set-class': 'tc class MAJOR:MINOR (hexadecimal)' },
	CHECKSUM: { 'checksum-fill': 'compute the checksum of a packet that lacks one' },
	TCPMSS: {
		'set-mss': 'set the MSS option to this value',
		'clamp-mss-to-pmtu': 'clamp the MSS to the path MTU minus 40'
	},
	TCPOPTSTRIP: { 'strip-options': 'options to remove, e.g. sack-permitted,timestamp' },
	AUDIT: { type: 'the record’s type: accept, drop or reject' },
	SECMARK: { selctx: 'the SELinux security context to label with' },
	CONNSECMARK: {
		save: 'copy the packet’s label to the connection',
		restore: 'copy the connection’s label to the packet'
	},
	SET: {
		'add-set': 'add the address (or port) to the ipset: SETNAME flags',
		'del-set': 'delete it from the ipset: SETNAME flags',
		exist: 'refresh the timeout of an entry that exists',
		timeout: 'timeout of the added entry',
		'map-set': 'take mark/priority/queue from the matching set entry',
		'map-mark': 'map the entry’s skbmark to the packet mark',
		'map-prio': 'map the entry’s skbprio to the priority',
		'map-queue': 'map the entry’s skbqueue to the queue'
	},
	RATEEST: {
		'rateest-name': 'the estimator’s name (for -m rateest)',
		'rateest-interval': 'measurement interval, e.g. 250ms',
		'rateest-ewmalog': 'averaging time constant'
	},
	HMARK: {
		'hmark-tuple': 'what to hash: src, dst, sport, dport, spi, ct',
		'hmark-src-prefix': 'source prefix length to hash',
		'hmark-dst-prefix': 'destination prefix length to hash',
		'hmark-sport-mask': 'mask of the source port to hash',
		'hmark-dport-mask': 'mask of the destination port to hash',
		'hmark-spi-mask': 'mask of the SPI to hash',
		'hmark-sport': 'fixed source port value',
		'hmark-dport': 'fixed destination port value',
		'hmark-spi': 'fixed SPI value',
		'hmark-proto-mask': 'mask of the protocol to hash',
		'hmark-rnd': 'random hash seed',
		'hmark-mod': 'modulus of the hash',
		'hmark-offset': 'offset added to the mark'
	},
	TEE: {
		gateway: 'address of the host that receives the clone',
		oif: 'send the clone out by this interface'
	},
	IDLETIMER: {
		timeout: 'seconds without packets before the notification',
		label: 'the timer’s name in sysfs',
		alarm: 'use an alarm timer (wakes the system)'
	},
	LED: {
		'led-trigger-id': 'the LED trigger’s name (netfilter-NAME)',
		'led-delay': 'milliseconds the LED stays on, or inf',
		'led-always-blink': 'blink off and on again when already on'
	}
};

/** The line for option `name` of extension `ext`, or null when none is written. */
export function optionDoc(ext: string, name: string): string | null {
	return OPTION_DOCS[ext]?.[name] ?? null;
}
