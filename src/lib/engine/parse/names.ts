/** Chain-name rules iptables and the kernel enforce. */
import { BUILTIN_CHAINS, type Hook, type TableName } from '../model';
import { lookupTarget } from '../extensions/registry';

/** XT_EXTENSION_MAXNAMELEN − 1: the longest chain name the kernel stores. */
export const MAX_CHAIN_NAME = 28;

const ALL_BUILTINS = new Set<string>(['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING']);

export function isBuiltinName(name: string): name is Hook {
	return ALL_BUILTINS.has(name);
}

export function isBuiltinOf(table: TableName, name: string): boolean {
	return (BUILTIN_CHAINS[table] as readonly string[]).includes(name);
}

/** Why a user chain may not have this name, or null when it may. */
export function chainNameProblem(name: string): string | null {
	if (name.length > MAX_CHAIN_NAME) {
		return `chain name "${name}" is ${name.length} characters long; the kernel allows at most ${MAX_CHAIN_NAME}`;
	}
	if (name === '') return 'a chain needs a name';
	if (name.startsWith('-') || name.startsWith('!'))
		return `chain name "${name}" may not start with "${name[0]}"`;
	if (/\s/.test(name)) return `chain name "${name}" may not contain blanks`;
	if (['ACCEPT', 'DROP', 'RETURN', 'QUEUE'].includes(name) || lookupTarget(name)) {
		return `"${name}" is the name of a target; a chain may not be named like one`;
	}
	return null;
}
