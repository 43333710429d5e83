/**
 * Applies parsed commands to a rule set the way iptables-restore and iptables apply them:
 * chains must exist before rules go into them, `-I` takes a position, `-D` finds a rule by
 * number or by its text, `-P` only on built-in chains.
 */
import {
	BUILTIN_CHAINS,
	type Chain,
	type Counters,
	type Rule,
	type Ruleset,
	type SourceSpan,
	type Table,
	type TableName
} from '../model';
import type { ParsedCommand } from './command';
import { chainNameProblem, isBuiltinName, isBuiltinOf } from './names';
import type { Reporter } from './report';
import { checkRule } from './rule-checks';
import { printRuleSpec } from '../print/print-rule';
import type { Word } from './words';
import { MAX_RULES } from '../limits';

export class RulesetBuilder {
	private readonly tables = new Map<TableName, Table>();
	/** Chains by name per table: rule sets with thousands of chains must not search a list per rule. */
	private readonly chainsByName = new Map<Table, Map<string, Chain>>();

	private rulesAdded = 0;
	/** Set once MAX_RULES rules were added: the readers stop there rather than parse on for minutes. */
	full = false;

	constructor(private readonly report: Reporter) {}

	/** The table a `*name` line or `-t name` opens; all its built-in chains exist from the start. */
	table(name: TableName, span: SourceSpan): Table {
		let t = this.tables.get(name);
		if (!t) {
			t = {
				name,
				span,
				chains: BUILTIN_CHAINS[name].map((hook) => ({
					name: hook,
					builtin: true,
					declared: false,
					policy: 'ACCEPT',
					counters: { packets: 0, bytes: 0 },
					rules: [],
					span
				}))
			};
			this.tables.set(name, t);
			this.chainsByName.set(t, new Map(t.chains.map((c) => [c.name, c])));
		}
		return t;
	}

	/** A restore file's second `*filter` block replaces the first one, as iptables-restore does. */
	resetTable(name: TableName, span: SourceSpan): Table {
		if (this.tables.has(name)) {
			this.report.warning(
				'table-repeated',
				span,
				`table ${name} was already given above; iptables-restore flushes it here, so the earlier ${name} block has no effect`
			);
			this.tables.delete(name);
		}
		return this.table(name, span);
	}

	/** `:NAME POLICY [p:b]` in a restore file. */
	declareChain(t: Table, name: Word, policy: Word | null, counters: Counters | null): void {
		const existing = this.chain(t, name.text);
		if (isBuiltinOf(t.name, name.text)) {
			const chain = existing!;
			if (policy && policy.text !== 'ACCEPT' && policy.text !== 'DROP') {
				this.report.error(
					'bad-policy',
					policy.span,
					`policy "${policy.text}" is not ACCEPT or DROP`
				);
			} else if (policy) chain.policy = policy.text as 'ACCEPT' | 'DROP';
			chain.counters = counters ?? { packets: 0, bytes: 0 };
			chain.span = name.span;
			chain.declared = true;
			return;
		}
		if (isBuiltinName(name.text)) {
			this.report.error(
				'builtin-chain-wrong-table',
				name.span,
				`${t.name} has no built-in chain ${name.text} (it has ${BUILTIN_CHAINS[t.name].join(', ')}); iptables-legacy refuses this, iptables-nft silently makes a user chain of that name that no packet ever traverses`
			);
			return;
		}
		if (policy && policy.text !== '-') {
			this.report.error(
				'policy-on-user-chain',
				policy.span,
				`user chain ${name.text} cannot have a policy: write "-" (iptables-legacy refuses "${policy.text}"; iptables-nft ignores it)`
			);
		}
		this.newChain(t, name, counters);
	}

	private newChain(t: Table, name: Word, counters: Counters | null): void {
		const problem = chainNameProblem(name.text);
		if (problem) this.report.error('bad-chain-name', name.span, problem);
		if (this.chain(t, name.text)) {
			this.report.error(
				'chain-exists',
				name.span,
				`chain ${name.text} already exists in table ${t.name}`
			);
			return;
		}
		const chain: Chain = {
			name: name.text,
			builtin: false,
			declared: true,
			policy: null,
			counters: counters ?? { packets: 0, bytes: 0 },
			rules: [],
			span: name.span
		};
		t.chains.push(chain);
		this.chainsByName.get(t)!.set(chain.name, chain);
	}

	/**
	 * Points a jump at the very string object that names its chain. Equal text either way, but
	 * later lookups (validation, simulation) then compare one pointer instead of two substrings
	 * of a many-megabyte source; on a 50,000-rule set that halves validation.
	 */
	private shareChainName(t: Table, rule: Rule): void {
		if (rule.target?.type !== 'chain') return;
		const target = this.chain(t, rule.target.chain);
		if (target) rule.target.chain = target.name;
	}

	private chain(t: Table, name: string): Chain | undefined {
		return this.chainsByName.get(t)!.get(name);
	}

	private findChain(t: Table, w: Word | null, what: string): Chain | null {
		if (!w) return null;
		const c = this.chain(t, w.text);
		if (!c) {
			const hint = isBuiltinName(w.text)
				? `${t.name} has no built-in chain ${w.text} (it has ${BUILTIN_CHAINS[t.name].join(', ')})`
				: `chain ${w.text} does not exist in table ${t.name}: declare it first with ":${w.text} - [0:0]" or "-N ${w.text}"`;
			this.report.error('unknown-chain', w.span, `${what}: ${hint}`);
		}
		return c ?? null;
	}

	private ruleNumber(w: Word | undefined, max: number, fallback: number | null): number | null {
		if (!w) {
			if (fallback === null) return null;
			return fallback;
		}
		const n = /^[0-9]+$/.test(w.text) ? Number(w.text) : NaN;
		if (!(n >= 1 && n <= max)) {
			this.report.error(
				'bad-rule-number',
				w.span,
				`rule number ${w.text} is out of range: the chain has ${max === 0 ? 'no rules' : max - (fallback === 1 ? 1 : 0) + ' rules'}`
			);
			return null;
		}
		return n;
	}

	/** Applies one command line; `counters` is a restore file's `[p:b]` prefix. */
	apply(t: Table, cmd: ParsedCommand, counters: Counters | null, lineSpan: SourceSpan): void {
		const rule: Rule = cmd.rule;
		rule.counters = counters ?? cmd.counters;
		const label = `-${cmd.command}`;
		if (!cmd.command) {
			this.report.error(
				'no-command',
				lineSpan,
				'no command on this line: start it with -A CHAIN (or -I, -N, -P …)'
			);
			return;
		}
		if (!cmd.chain && 'ACDIRNEP'.includes(cmd.command)) {
			this.report.error(
				'missing-chain',
				cmd.commandSpan ?? lineSpan,
				`${label} needs a chain name`
			);
			return;
		}
		switch (cmd.command) {
			case 'A':
			case 'I':
			case 'R': {
				const chain = this.findChain(t, cmd.chain, label);
				if (!chain) return;
				// iptables-nft creates a built-in chain the first time a rule goes into it.
				chain.declared = true;
				if (cmd.command !== 'R' && ++this.rulesAdded > MAX_RULES) {
					this.full = true;
					this.report.error(
						'too-many-rules',
						lineSpan,
						`this is rule ${this.rulesAdded.toLocaleString('en')}; nfwalk reads at most ${MAX_RULES.toLocaleString('en')} rules (see docs/limits.md) and stops here: load one table or the chains the packets take`
					);
					return;
				}
				checkRule(rule, t.name, chain.name, this.report, cmd.incomplete);
				this.shareChainName(t, rule);
				if (cmd.command === 'A') chain.rules.push(rule);
				else if (cmd.command === 'I') {
					const n = this.ruleNumber(cmd.positional[0], chain.rules.length + 1, 1);
					if (n !== null) chain.rules.splice(n - 1, 0, rule);
				} else {
					const n = this.ruleNumber(cmd.positional[0], chain.rules.length, null);
					if (n === null && !cmd.positional[0])
						this.report.error(
							'missing-rule-number',
							cmd.commandSpan!,
							'-R needs a rule number after the chain'
						);
					if (n !== null) chain.rules[n - 1] = rule;
				}
				return;
			}
			case 'D':
				return this.deleteRule(t, cmd);
			case 'N':
				return this.newChain(t, cmd.chain!, null);
			case 'X':
				return this.deleteChains(t, cmd);
			case 'F':
				for (const c of cmd.chain ? [this.findChain(t, cmd.chain, label)] : t.chains)
					if (c) c.rules = [];
				return;
			case 'Z':
				for (const c of cmd.chain ? [this.findChain(t, cmd.chain, label)] : t.chains) {
					if (!c) continue;
					c.counters = { packets: 0, bytes: 0 };
					for (const r of c.rules) if (r.counters) r.counters = { packets: 0, bytes: 0 };
				}
				return;
			case 'P':
				return this.setPolicy(t, cmd);
			case 'E':
				return this.renameChain(t, cmd);
			default:
				this.report.warning(
					'listing-command',
					cmd.commandSpan!,
					`${label} lists or checks rules and changes nothing; nfwalk ignores it`
				);
		}
	}

	private deleteRule(t: Table, cmd: ParsedCommand): void {
		const chain = this.findChain(t, cmd.chain, '-D');
		if (!chain) return;
		if (!cmd.hasRuleSpec) {
			const n = this.ruleNumber(cmd.positional[0], chain.rules.length, null);
			if (n !== null) chain.rules.splice(n - 1, 1);
			else if (!cmd.positional[0])
				this.report.error(
					'missing-rule-number',
					cmd.commandSpan!,
					'-D needs a rule number or a rule to delete'
				);
			return;
		}
		const wanted = printRuleSpec(cmd.rule);
		const at = chain.rules.findIndex((r) => printRuleSpec(r) === wanted);
		if (at < 0)
			this.report.error(
				'no-such-rule',
				cmd.commandSpan!,
				`-D: chain ${chain.name} has no rule "${wanted}" at this point`
			);
		else chain.rules.splice(at, 1);
	}

	private deleteChains(t: Table, cmd: ParsedCommand): void {
		const victims = cmd.chain
			? [this.findChain(t, cmd.chain, '-X')]
			: t.chains.filter((c) => !c.builtin);
		for (const c of victims) {
			if (!c) continue;
			if (c.builtin) {
				this.report.error(
					'delete-builtin-chain',
					cmd.chain!.span,
					`${c.name} is a built-in chain and cannot be deleted`
				);
				continue;
			}
			if (c.rules.length) {
				this.report.error(
					'chain-not-empty',
					cmd.chain?.span ?? cmd.commandSpan!,
					`chain ${c.name} still has rules: flush it (-F ${c.name}) before deleting it`
				);
				continue;
			}
			t.chains.splice(t.chains.indexOf(c), 1);
			this.chainsByName.get(t)!.delete(c.name);
		}
	}

	private setPolicy(t: Table, cmd: ParsedCommand): void {
		const chain = this.findChain(t, cmd.chain, '-P');
		const p = cmd.positional[0];
		if (!chain) return;
		if (!p)
			return this.report.error(
				'missing-policy',
				cmd.chain!.span,
				'-P needs a policy: ACCEPT or DROP'
			);
		if (!chain.builtin)
			return this.report.error(
				'policy-on-user-chain',
				p.span,
				`user chain ${chain.name} cannot have a policy`
			);
		if (p.text !== 'ACCEPT' && p.text !== 'DROP')
			return this.report.error('bad-policy', p.span, `policy "${p.text}" is not ACCEPT or DROP`);
		chain.policy = p.text;
		chain.declared = true;
	}

	private renameChain(t: Table, cmd: ParsedCommand): void {
		const chain = this.findChain(t, cmd.chain, '-E');
		const to = cmd.positional[0];
		if (!chain) return;
		if (!to)
			return this.report.error(
				'missing-chain',
				cmd.chain!.span,
				'-E needs the new name after the old one'
			);
		if (chain.builtin)
			return this.report.error(
				'rename-builtin-chain',
				cmd.chain!.span,
				`${chain.name} is a built-in chain and cannot be renamed`
			);
		const problem = chainNameProblem(to.text);
		if (problem) return this.report.error('bad-chain-name', to.span, problem);
		if (this.chain(t, to.text))
			return this.report.error('chain-exists', to.span, `chain ${to.text} already exists`);
		for (const c of t.chains) {
			for (const r of c.rules)
				if (r.target?.type === 'chain' && r.target.chain === chain.name) r.target.chain = to.text;
		}
		this.chainsByName.get(t)!.delete(chain.name);
		chain.name = to.text;
		this.chainsByName.get(t)!.set(chain.name, chain);
	}

	finish(): Ruleset {
		return { tables: [...this.tables.values()] };
	}
}
