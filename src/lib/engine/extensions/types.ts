/**
 * The contract every match and target extension implements: its options (names, the words they
 * take, inversion, how a value is parsed and printed) and the checks iptables' userspace and the
 * kernel's checkentry make. One extension per file, registered in `registry.ts`.
 */
import type { Hook, OptionValue, Rule, SourceSpan, TableName } from '../model';
import type { Parsed } from '../parse/values';

/** What an option's parser gets besides its words. */
export interface OptionParseContext {
	/** The rule as parsed so far (protocol, earlier matches), e.g. for protocol-dependent values. */
	rule: Rule;
	table: TableName;
}

/** One option of an extension, e.g. tcp's `--dport`. */
export interface OptionSpec<V = unknown> {
	/** Canonical long name without dashes, e.g. `dport`; also the key in `OptionValue.name`. */
	name: string;
	/** Other accepted long names, e.g. `destination-port`. Abbreviations are handled generically. */
	aliases?: readonly string[];
	/** Words the option takes: 0 (a flag), 1 (default) or more (`--tcp-flags MASK COMP` takes 2). */
	args?: number;
	/** The single argument may be absent (getopt `optional_argument`): taken only as `--opt=value`
	 * or when the next word does not start with `-`. */
	optionalArg?: boolean;
	/** `!` may precede the option. */
	invertible?: boolean;
	/** The option may be given more than once (each occurrence is kept). */
	repeatable?: boolean;
	/**
	 * Stores the value under another option's name when this option is only a shorthand for it,
	 * e.g. `--syn` is kept as `tcp-flags`, so both spellings give the same model.
	 */
	storeAs?: string;
	/**
	 * True for a value the kernel cannot tell from "option not given" (a full port range): such an
	 * option, not inverted, is not stored, just as iptables then does not list it.
	 */
	isDefault?(value: V): boolean;
	/** Turns the words into a typed value; the default keeps the single word as a string (or `true` for flags). */
	parse?(words: string[], ctx: OptionParseContext): Parsed<V>;
}

/** An extension call being checked: the match or target with its options. */
export interface ExtensionUse {
	name: string;
	options: OptionValue[];
	span: SourceSpan;
}

/** Everything a check may look at and how it reports. */
export interface CheckContext {
	rule: Rule;
	table: TableName;
	/** The chain the rule was added to (a built-in hook name or a user chain). */
	chain: string;
	/** Report a problem; `at` defaults to the extension's own span. `code` defaults to `invalid-extension-use`. */
	report(severity: 'error' | 'warning', message: string, at?: SourceSpan, code?: string): void;
}

/** Helpers for printers. */
export interface PrintContext {
	rule: Rule;
}

/** A match (`-m name`) or target (`-j NAME`) extension. */
export interface ExtensionSpec {
	name: string;
	kind: 'match' | 'target';
	/** Other names it loads under, e.g. NOTRACK is its own target but `CT --notrack` is related. */
	aliases?: readonly string[];
	/** One-line description for completion and docs, e.g. "TCP ports and flags". */
	summary: string;
	options: readonly OptionSpec[];
	/**
	 * The protocol the kernel requires in `-p` (not inverted), e.g. `tcp` for `-m tcp`; several
	 * for matches like multiport (`tcp`, `udp`, `udplite`, `dccp`, `sctp`). Checked generically.
	 */
	protocols?: readonly string[];
	/** Tables the kernel allows the extension in (checkentry); absent = any table. */
	tables?: readonly TableName[];
	/** Hooks the kernel allows, judged through user chains by which built-in chains reach them. */
	hooks?: readonly Hook[];
	/**
	 * Hooks the kernel allows when that depends on the options (TCPMSS `--clamp-mss-to-pmtu`,
	 * addrtype `--limit-iface-in`); undefined when these options impose no limit. Judged through
	 * user chains like `hooks`.
	 */
	hooksFor?(options: readonly OptionValue[]): readonly Hook[] | undefined;
	/**
	 * Userspace final checks and kernel checkentry rules beyond protocols/tables/hooks,
	 * e.g. "comment: option --comment must be specified".
	 */
	check?(use: ExtensionUse, ctx: CheckContext): void;
	/**
	 * Values the kernel stores even when the option was not given, which iptables then prints
	 * (recent's `--name DEFAULT --mask 255.255.255.255 --rsource`). Filled in at parse time, so
	 * the input and its printed form give the same model. Returns only the options to add.
	 */
	defaults?(options: readonly OptionValue[]): readonly { name: string; value: unknown }[];
	/**
	 * Rewrites the options into the one form iptables lists (CONNMARK's `--save-mark` becomes
	 * `--save-mark --nfmask … --ctmask …`, cluster's `--cluster-local-node 2` becomes
	 * `--cluster-local-nodemask 0x2`). Runs after the checks; the engine then sees one spelling only.
	 */
	normalize?(options: readonly OptionValue[], span: SourceSpan): OptionValue[];
	/**
	 * Canonical option text as `iptables -S` prints it, without the leading `-m name`/`-j NAME`,
	 * e.g. `--dport 22`. Returns '' when there is nothing to print.
	 */
	print(options: readonly OptionValue[], ctx: PrintContext): string;
}
