import { describe, expect, it } from 'vitest';
import type { TableName } from '../../engine/model';
import { chainRows, resultOf, type ChainRow } from './chain-rows';
import { exampleWalk, frameAt } from './spec-walks';

/** `filter:FORWARD:3 matched` for rule rows, `# filter FORWARD` for heads, `policy` for policies. */
function show(rows: readonly ChainRow[]): string[] {
	return rows.map((r) => {
		const pad = '  '.repeat(r.depth);
		if (r.kind === 'chain') return `${pad}# ${r.call.table} ${r.call.chain.name}`;
		if (r.kind === 'policy') return `${pad}policy ${r.call.policy ?? '-'}`;
		const result = resultOf(r.call, r.position)?.status ?? 'unreached';
		return `${pad}${r.call.table}:${r.call.chain.name}:${r.position} ${result}`;
	});
}

function rowsAt(name: string, packet: number, index: number, hook: string, tables: TableName[]) {
	const walk = exampleWalk(name);
	const { frame } = frameAt(walk, packet, index);
	const p = walk.trace.packets[packet];
	const current = frame.station === hook ? frame : { table: null, chain: null, rule: null };
	return chainRows(walk.ruleset, tables, p, hook as 'FORWARD', frame.step, current);
}

describe('chainRows', () => {
	it.each([
		// [example, packet, frame index, hook, rows, active row]
		[
			'home-router',
			0,
			11,
			'FORWARD',
			[
				'# filter FORWARD',
				'filter:FORWARD:1 unreached',
				'filter:FORWARD:2 unreached',
				'filter:FORWARD:3 unreached',
				'policy -'
			],
			null
		],
		[
			'home-router',
			0,
			13,
			'FORWARD',
			[
				'# filter FORWARD',
				'filter:FORWARD:1 unmatched',
				'filter:FORWARD:2 unmatched',
				'filter:FORWARD:3 matched',
				'policy -'
			],
			3
		],
		[
			// The panel pinned at a hook the packet is not at marks no row active.
			'home-router',
			0,
			17,
			'FORWARD',
			[
				'# filter FORWARD',
				'filter:FORWARD:1 unmatched',
				'filter:FORWARD:2 unmatched',
				'filter:FORWARD:3 matched',
				'policy -'
			],
			null
		]
	] as const)('%s packet %i frame %i at %s', (name, packet, index, hook, want, active) => {
		const view = rowsAt(name, packet, index, hook, ['mangle', 'filter', 'security']);
		expect(show(view.rows)).toEqual(want);
		expect(view.active).toBe(active);
	});

	it('nests the user chains a packet jumped into, as a call stack', () => {
		const view = rowsAt('kube-proxy-clusterip-nodeport', 0, 10, 'PREROUTING', [
			'raw',
			'mangle',
			'nat'
		]);
		const shown = show(view.rows);
		const active = shown[view.active!];
		expect(active).toBe('      nat:KUBE-SEP-AFGSLHOD2HFNCBX4:2 matched');
		expect(shown).toContain('  # nat KUBE-SERVICES');
		expect(shown).toContain('    # nat KUBE-SVC-CDGGSHYLG3RE2FKL');
		expect(view.stack.map((c) => c.chain.name)).toEqual([
			'PREROUTING',
			'KUBE-SERVICES',
			'KUBE-SVC-CDGGSHYLG3RE2FKL',
			'KUBE-SEP-AFGSLHOD2HFNCBX4'
		]);
	});

	it('says a base chain the packet reaches later is not reached yet, one it skips is not traversed', () => {
		const view = rowsAt('home-router', 2, 3, 'PREROUTING', ['raw', 'mangle', 'nat']);
		const nat = view.rows.find((r) => r.kind === 'chain' && r.call.table === 'nat')!;
		// Packet 3 is a later packet of a known connection: nat PREROUTING is not walked.
		expect(nat.call.entered).toBe(false);
		expect(nat.call.traversed).toBe(false);
		const first = rowsAt('home-router', 0, 3, 'PREROUTING', ['raw', 'mangle', 'nat']);
		const firstNat = first.rows.find((r) => r.kind === 'chain' && r.call.table === 'nat')!;
		expect(firstNat.call.entered).toBe(false);
		expect(firstNat.call.traversed).toBe(true);
	});
});
