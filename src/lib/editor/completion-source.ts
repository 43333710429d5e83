/**
 * Completion for the rule editor: chains of the current table, targets valid in its table and
 * chain, match modules, their options (each with one line from `option-docs`), protocols, and the
 * host's interfaces and addresses.
 */
import type { Completion, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import { allExtensions } from '../engine/extensions/registry';
import type { ExtensionSpec } from '../engine/extensions/types';
import { BUILTIN_CHAINS, TABLE_NAMES, type Hook, type Ruleset } from '../engine/model';
import type { HostJson } from '../scenario/scenario';
import { lineContext, tableAbove, type LineContext } from './completion-context';
import { VERDICTS } from './iptables-language';
import { COMMAND_DOCS, RULE_OPTION_DOCS, optionDoc } from './option-docs';
import { OPTION_VALUES } from './option-values';

/** Where completion finds what the document does not say at the cursor. */
export interface CompletionData {
	/** The last parsed rule set (user chains), possibly a moment older than the text. */
	ruleset(): Ruleset | null;
	host(): HostJson;
}

const VERDICT_DOCS: Record<string, string> = {
	ACCEPT: 'let the packet through this chain (and this table)',
	DROP: 'discard the packet, nothing is sent back',
	RETURN: 'go back to the calling chain (a built-in chain: apply its policy)',
	QUEUE: 'hand the packet to userspace (queue 0)'
};
const PROTOCOLS = ['tcp', 'udp', 'icmp', 'all', 'sctp', 'udplite', 'dccp', 'esp', 'ah', 'gre'];

const isHook = (chain: string | null, table: keyof typeof BUILTIN_CHAINS): chain is Hook =>
	chain !== null && (BUILTIN_CHAINS[table] as readonly string[]).includes(chain);

/** The extension is allowed in the table and, for a built-in chain, in its hook. */
export function allowedIn(spec: ExtensionSpec, ctx: Pick<LineContext, 'table' | 'chain'>): boolean {
	if (spec.tables && !spec.tables.includes(ctx.table)) return false;
	if (spec.hooks && isHook(ctx.chain, ctx.table) && !spec.hooks.includes(ctx.chain)) return false;
	return true;
}

function userChains(ruleset: Ruleset | null, table: string): string[] {
	const t = ruleset?.tables.find((x) => x.name === table);
	return t ? t.chains.filter((c) => !c.builtin).map((c) => c.name) : [];
}

function extensionOptions(spec: ExtensionSpec, boost: number): Completion[] {
	return spec.options.flatMap((o) =>
		[o.name, ...(o.aliases ?? [])].map((name) => ({
			label: '--' + name,
			type: 'property',
			detail: spec.kind === 'match' ? `-m ${spec.name}` : `-j ${spec.name}`,
			info: optionDoc(spec.name, o.name) ?? spec.summary,
			boost
		}))
	);
}

function networkOf(cidr: string): string | null {
	const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
	if (!m) return null;
	const prefix = Number(m[5]);
	const address = m.slice(1, 5).reduce((a, b) => a * 256 + Number(b), 0);
	const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
	const net = (address & mask) >>> 0;
	return [24, 16, 8, 0].map((s) => (net >>> s) & 255).join('.') + '/' + prefix;
}

/** The completions for one context; exported for tests. */
export function completionsFor(ctx: LineContext, data: CompletionData): Completion[] {
	const extensions = allExtensions();
	switch (ctx.kind) {
		case 'table':
			return TABLE_NAMES.map((label) => ({ label, type: 'namespace' }));
		case 'command':
			return Object.entries(COMMAND_DOCS).map(([label, info]) => ({
				label,
				info,
				type: 'keyword'
			}));
		case 'policy':
			return ['ACCEPT', 'DROP', '-'].map((label) => ({ label, type: 'constant' }));
		case 'chain':
			return [
				...BUILTIN_CHAINS[ctx.table].map((label) => ({ label, type: 'class', detail: 'built-in' })),
				...userChains(data.ruleset(), ctx.table).map((label) => ({ label, type: 'variable' }))
			];
		case 'goto':
		case 'target': {
			const chains = userChains(data.ruleset(), ctx.table)
				.filter((c) => c !== ctx.chain)
				.map((label) => ({ label, type: 'variable', detail: 'user chain' }));
			if (ctx.kind === 'goto') return chains;
			const targets = extensions
				.filter((e) => e.kind === 'target' && allowedIn(e, ctx))
				.map((e) => ({ label: e.name, type: 'function', info: e.summary }));
			const verdicts = VERDICTS.map((label) => ({
				label,
				type: 'constant',
				info: VERDICT_DOCS[label],
				boost: 1
			}));
			return [...verdicts, ...targets, ...chains];
		}
		case 'module':
			return extensions
				.filter((e) => e.kind === 'match' && allowedIn(e, ctx))
				.map((e) => ({ label: e.name, type: 'namespace', info: e.summary }));
		case 'option': {
			const loaded = ctx.modules.flatMap((name, i) => {
				const spec = extensions.find((e) => e.kind === 'match' && e.name === name);
				return spec ? extensionOptions(spec, 2 - Math.min(i, 1)) : [];
			});
			const target = extensions.find((e) => e.kind === 'target' && e.name === ctx.target);
			const own = Object.entries(RULE_OPTION_DOCS).map(([label, info]) => ({
				label,
				info,
				type: 'keyword'
			}));
			return [...(target ? extensionOptions(target, 3) : []), ...loaded, ...own];
		}
		case 'protocol':
			return PROTOCOLS.map((label) => ({ label, type: 'constant' }));
		case 'interface': {
			const names = data.host().interfaces.map((i) => i.name);
			return [...new Set(['lo', ...names])].map((label) => ({
				label,
				type: 'variable',
				detail: 'interface'
			}));
		}
		case 'address': {
			const seen = new Map<string, string>();
			for (const i of data.host().interfaces) {
				for (const a of i.addresses) {
					seen.set(a.replace(/\/\d+$/, ''), `${i.name} address`);
					const net = networkOf(a);
					if (net) seen.set(net, `${i.name} network`);
				}
			}
			return [...seen].map(([label, detail]) => ({ label, detail, type: 'constant' }));
		}
		case 'value': {
			const owners = [ctx.target, ...ctx.modules];
			if (ctx.option === 'match-set' && owners.includes('set'))
				return (data.host().ipsets ?? []).map((s) => ({
					label: s.name,
					type: 'variable',
					detail: `ipset ${s.type}`
				}));
			const words = owners
				.map((o) => (o ? OPTION_VALUES[o]?.[ctx.option!] : undefined))
				.find((w) => w !== undefined);
			return (words ?? []).map((label) => ({ label, type: 'enum' }));
		}
		case 'none':
			return [];
	}
}

/** The CodeMirror completion source over `completionsFor`. */
export function ruleCompletionSource(data: CompletionData): CompletionSource {
	return (context): CompletionResult | null => {
		const line = context.state.doc.lineAt(context.pos);
		const before = line.text.slice(0, context.pos - line.from);
		const doc = context.state.doc;
		const ctx = lineContext(before, () => tableAbove((n) => doc.line(n).text, line.number));
		if (ctx.kind === 'none') return null;
		// Typing opens the list only once a word has started; Ctrl-Space opens it anywhere.
		if (!context.explicit && ctx.prefix === '' && ctx.kind !== 'target') return null;
		const options = completionsFor(ctx, data);
		if (options.length === 0) return null;
		return { from: line.from + ctx.from, options, validFor: /^[^\s"']*$/ };
	};
}
