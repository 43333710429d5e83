/**
 * The one table of every match and target extension nfwalk knows, looked up by name as
 * `-m NAME` and `-j NAME` load them.
 */
import type { ExtensionSpec } from './types';
import { comment } from './matches/comment';
import { tcp } from './matches/tcp';
import { udp } from './matches/udp';
import { GROUP_1 } from './group-1';
import { GROUP_2 } from './group-2';
import { GROUP_3 } from './group-3';
import { GROUP_4 } from './group-4';

const ALL: readonly ExtensionSpec[] = [
	comment,
	tcp,
	udp,
	...GROUP_1,
	...GROUP_2,
	...GROUP_3,
	...GROUP_4
];

function index(kind: 'match' | 'target'): ReadonlyMap<string, ExtensionSpec> {
	const map = new Map<string, ExtensionSpec>();
	for (const spec of ALL) {
		if (spec.kind !== kind) continue;
		for (const name of [spec.name, ...(spec.aliases ?? [])]) {
			if (map.has(name)) throw new Error(`extension ${kind} ${name} registered twice`);
			map.set(name, spec);
		}
	}
	return map;
}

const MATCHES = index('match');
const TARGETS = index('target');

export function lookupMatch(name: string): ExtensionSpec | undefined {
	return MATCHES.get(name);
}

export function lookupTarget(name: string): ExtensionSpec | undefined {
	return TARGETS.get(name);
}

export function allExtensions(): readonly ExtensionSpec[] {
	return ALL;
}
