/**
 * The rule-set model every part of nfwalk reads: tables → chains → rules, each carrying the
 * source position it was parsed from, so "which rule decided this packet" is a lookup.
 */

/** An iptables table, e.g. `filter`. */
export type TableName = 'raw' | 'mangle' | 'nat' | 'filter' | 'security';

/** A netfilter hook, named like its built-in chain, e.g. `PREROUTING`. */
export type Hook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

export const TABLE_NAMES: readonly TableName[] = ['raw', 'mangle', 'nat', 'filter', 'security'];

/** Built-in chains of each table, in the order iptables-save prints them. */
export const BUILTIN_CHAINS: Readonly<Record<TableName, readonly Hook[]>> = {
	raw: ['PREROUTING', 'OUTPUT'],
	mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
	nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
	filter: ['INPUT', 'FORWARD', 'OUTPUT'],
	security: ['INPUT', 'FORWARD', 'OUTPUT']
};

/** A place in the source text; lines and columns are 1-based, `endColumn` is exclusive. */
export interface SourceSpan {
	line: number;
	column: number;
	endColumn: number;
}

/** Packet and byte counters as iptables-save prints them, e.g. `[12:840]`. */
export interface Counters {
	packets: number;
	bytes: number;
}

/** A value that iptables lets the user invert with `!`, e.g. `! -s 10.0.0.0/8`. */
export interface Negatable<T> {
	inverted: boolean;
	value: T;
	span: SourceSpan;
}

/** An IPv4 address with a prefix length, e.g. `{ address: 0x0a000000, prefix: 8 }` for 10.0.0.0/8. */
export interface Cidr {
	/** The address as an unsigned 32-bit number, already masked the way iptables masks it. */
	address: number;
	/** Prefix length 0–32; a non-contiguous mask keeps `mask` instead. */
	prefix: number;
	/** The mask as an unsigned 32-bit number (also set for contiguous masks). */
	mask: number;
}

/** One option of an extension as parsed, e.g. `--dport 22` → `{ name: 'dport', value: {from:22,to:22} }`. */
export interface OptionValue {
	/** The canonical long name without dashes, e.g. `dport`. */
	name: string;
	inverted: boolean;
	/** Typed by the extension's option spec; see the extension module. */
	value: unknown;
	span: SourceSpan;
}

/** A `-m NAME …` match (or the implicit protocol match iptables loads for `-p tcp --dport`). */
export interface MatchCall {
	/** Extension name as the registry knows it, e.g. `tcp`, `conntrack`. */
	name: string;
	/** False for a module nfwalk does not know; its words are kept verbatim in `raw`. */
	known: boolean;
	/** Options in the order they were given. */
	options: OptionValue[];
	/** Unknown modules only: the words after `-m NAME`, as written. */
	raw?: string[];
	span: SourceSpan;
}

/** What `-j`/`-g` names: a standard verdict, a user chain or a target extension. */
export type Target =
	/** `-j ACCEPT`, `-j DROP`, `-j RETURN`, `-j QUEUE`. */
	| { type: 'verdict'; verdict: 'ACCEPT' | 'DROP' | 'RETURN' | 'QUEUE'; span: SourceSpan }
	/** `-j MYCHAIN` or `-g MYCHAIN` (goto). */
	| { type: 'chain'; chain: string; goto: boolean; span: SourceSpan }
	/** `-j LOG --log-prefix "x "`, an extension with its options. */
	| { type: 'extension'; name: string; options: OptionValue[]; span: SourceSpan };

/** One rule, e.g. `-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT`. */
export interface Rule {
	/** Where the rule was written (the whole line's span). */
	span: SourceSpan;
	counters: Counters | null;
	/** `-p`: a protocol name as iptables prints it (`tcp`) or a number as text (`47`). */
	protocol: Negatable<string> | null;
	source: Negatable<Cidr> | null;
	destination: Negatable<Cidr> | null;
	inInterface: Negatable<string> | null;
	outInterface: Negatable<string> | null;
	/** `-f`: only second and later fragments. */
	fragment: Negatable<true> | null;
	matches: MatchCall[];
	target: Target | null;
}

/** A chain with its rules; `policy` is null for user chains. */
export interface Chain {
	name: string;
	builtin: boolean;
	/**
	 * The input created this chain: a `:CHAIN` line, `-N`, or a built-in chain named by `-A`, `-I`
	 * or `-P`. iptables-nft registers only such built-in chains; an undeclared one does not exist
	 * there (packets pass as if it accepted), while iptables-legacy always has them all (§1.3).
	 */
	declared: boolean;
	policy: 'ACCEPT' | 'DROP' | null;
	/** The chain's policy counters; [0:0] when the input gave none. */
	counters: Counters;
	rules: Rule[];
	/** Where the chain was declared (`:NAME` or `-N NAME`), or first used. */
	span: SourceSpan;
}

/** One table with its chains in declaration order. */
export interface Table {
	name: TableName;
	chains: Chain[];
	span: SourceSpan;
}

/** A whole rule set: the tables in the order they first appear. */
export interface Ruleset {
	tables: Table[];
}
