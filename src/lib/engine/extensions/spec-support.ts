/**
 * Shared cases for extension specs: an option-dependent hook limit tried in built-in chains and
 * through user chains, as the kernel judges it (by every hook that reaches a chain).
 */
import { parseRuleset } from '../index';

/** A hook-limit case: table, rule, where it sits, the restore lines, the error codes expected. */
export type HookCase = [
	table: string,
	rule: string,
	where: string,
	lines: string[],
	codes: string[]
];

/**
 * Each `[table, rule, built-in chains it is valid in, a built-in chain the kernel refuses it in]`
 * placed five ways: in an allowed built-in chain, in the refused one, in user chain U reached from
 * the refused hook, in U reached from the allowed hooks and (through V) the refused one, and in U
 * reached only from allowed hooks. The kernel judges a user chain by every hook that reaches it.
 */
export function hookCases(rows: readonly (readonly [string, string, readonly string[], string])[]) {
	return rows.flatMap(([table, rule, allowed, wrong]): HookCase[] => {
		const fromAllowed = allowed.map((c) => `-A ${c} -j U`);
		const inU = `-A U ${rule}`;
		return [
			[table, rule, `in ${allowed[0]}`, [`-A ${allowed[0]} ${rule}`], []],
			[table, rule, `in ${wrong}`, [`-A ${wrong} ${rule}`], ['wrong-hook']],
			[table, rule, `in U from ${wrong}`, [`-A ${wrong} -j U`, inU], ['wrong-hook']],
			[
				table,
				rule,
				`in U from ${allowed.join(', ')} and ${wrong} via V`,
				[...fromAllowed, `-A ${wrong} -j V`, '-A V -j U', inU],
				['wrong-hook']
			],
			[
				table,
				rule,
				`in U from ${allowed.join(', ')} only`,
				[...fromAllowed, `-A ${allowed[0]} -j V`, '-A V -j U', inU],
				[]
			]
		];
	});
}

/** The error codes of a restore file with user chains U and V in `table`. */
export function hookErrors(table: string, lines: readonly string[]): string[] {
	const text = [`*${table}`, ':U - [0:0]', ':V - [0:0]', ...lines, 'COMMIT', ''].join('\n');
	const { diagnostics } = parseRuleset(text, 'restore');
	return diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
}
