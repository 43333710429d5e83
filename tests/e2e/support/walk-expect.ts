/**
 * What the player should show, computed in the test from the engine (walkScenario, the same code
 * the page runs), and what the page does show, read in one round trip through the data-* contract
 * of issue 6. Specs compare the two with expect.poll, so a frame that is still being drawn is
 * retried rather than failed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { walkScenario, type Walk } from '../../../src/lib/app/walk';
import { fateKind, type Frame, type StationId } from '../../../src/lib/viz/model/frames';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../../rules-examples/', import.meta.url));

/** The stations' `data-hook` values, as the contract names them. */
export const STATIONS: readonly StationId[] = [
	'wire-in',
	'PREROUTING',
	'routing',
	'INPUT',
	'FORWARD',
	'OUTPUT',
	'POSTROUTING',
	'local',
	'wire-out'
];

/** The scenarios in rules-examples/, read when the tests load (a new file gets its tests). */
export function exampleNames(): string[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.map((f) => f.slice(0, -'.json'.length))
		.sort();
}

export function exampleText(name: string): string {
	return readFileSync(`${EXAMPLES_DIR}${name}.json`, 'utf8');
}

/** The walk of a scenario's text; throws on diagnostics (the tests' scenarios have none). */
export function walkOf(text: string, name = 'scenario'): Walk {
	const result = walkScenario(text);
	if (!result.ok)
		throw new Error(`${name}: ${result.diagnostics.map((d) => d.message).join('; ')}`);
	return result.walk;
}

export function loadWalk(name: string): Walk {
	return walkOf(exampleText(name), name);
}

/** What the player shows at a frame, as far as the data-* contract pins it down. */
export interface Shown {
	packet: string | null;
	step: string | null;
	/** Stations carrying data-active. */
	stations: string[];
	/** data-table of the active cells inside the active station; omitted when the frame has none. */
	cells?: string[];
	/** data-rule of the active rule rows; omitted unless a rule step whose chain panel is shown. */
	rules?: string[];
	/** data-fate of the fate display(s); only at a packet's last frame. */
	fate?: (string | null)[];
}

/** The page's state, raw: read by one page.evaluate. */
export interface PageState {
	roots: { packet: string | null; step: string | null }[];
	stations: string[];
	cells: string[];
	rules: string[];
	/** `table:chain` of every rule row on the page (which chain panels are shown). */
	ruleChains: string[];
	fates: (string | null)[];
	token: boolean;
}

/** Runs in the page: reads the contract's attributes. Self-contained (it is serialised). */
function readState(stationIds: readonly string[]): PageState {
	const all = (sel: string, root: ParentNode = document) => [...root.querySelectorAll(sel)];
	const roots = all('[data-packet][data-step]').map((e) => ({
		packet: e.getAttribute('data-packet'),
		step: e.getAttribute('data-step')
	}));
	const stationEls = all('[data-hook]').filter((e) =>
		stationIds.includes(e.getAttribute('data-hook') ?? '')
	);
	const active = stationEls.filter((e) => e.hasAttribute('data-active'));
	const cells = active.flatMap((s) =>
		all('[data-table][data-active]', s).map((c) => c.getAttribute('data-table') ?? '')
	);
	const rows = all('[data-rule]');
	return {
		roots,
		stations: [...new Set(active.map((e) => e.getAttribute('data-hook') ?? ''))],
		cells,
		rules: rows
			.filter((r) => r.hasAttribute('data-active'))
			.map((r) => r.getAttribute('data-rule') ?? ''),
		ruleChains: [
			...new Set(rows.map((r) => (r.getAttribute('data-rule') ?? '').replace(/:[^:]*$/, '')))
		],
		fates: all('[data-hook="fate"]').map((e) => e.getAttribute('data-fate')),
		token: document.querySelector('[data-token]') !== null
	};
}

export function pageState(page: Page): Promise<PageState> {
	return page.evaluate(readState, STATIONS);
}

/** One frame's expectations. */
export interface Expected {
	frame: number;
	packetId: string;
	/** data-step: the frame's 1-based index within its packet. */
	step: number;
	station: StationId;
	/** The table cell to be active, when the frame has one and the diagram draws it there. */
	cell: string | null;
	/** `table:chain:N` when the frame is a rule (or skip-run) step. */
	rule: string | null;
	/** data-fate at the packet's last frame. */
	fate: string | null;
}

export function expectedAt(walk: Walk, i: number): Expected {
	const f: Frame = walk.frames[i];
	const p = walk.trace.packets[f.packet];
	const station = walk.diagram.stations.find((s) => s.id === f.station);
	const hasCell = f.table !== null && !!station?.cells.some((c) => c.table === f.table);
	const isStep = f.step >= 0 && f.step < p.steps.length;
	return {
		frame: i,
		packetId: p.id,
		step: f.index,
		station: f.station,
		cell: hasCell ? f.table : null,
		rule: isStep && f.rule !== null && f.chain ? `${f.table}:${f.chain}:${f.rule}` : null,
		fate: f.step === p.steps.length ? fateKind(p, walk.trace) : null
	};
}

/** The page's state seen through what `e` pins down, so it can be compared with `shownFor(e)`. */
export function view(s: PageState, e: Expected): Shown {
	const root = s.roots.length === 1 ? s.roots[0] : { packet: `${s.roots.length} roots`, step: '' };
	const out: Shown = { packet: root.packet, step: root.step, stations: s.stations };
	if (e.cell) out.cells = s.cells;
	if (e.rule && s.ruleChains.includes(e.rule.replace(/:[^:]*$/, ''))) out.rules = s.rules;
	if (e.fate) out.fate = s.fates;
	return out;
}

/** What `view` should give when the page matches the contract at `e`. */
export function shownFor(s: PageState, e: Expected): Shown {
	const out: Shown = { packet: e.packetId, step: String(e.step), stations: [e.station] };
	if (e.cell) out.cells = [e.cell];
	if (e.rule && s.ruleChains.includes(e.rule.replace(/:[^:]*$/, ''))) out.rules = [e.rule];
	if (e.fate) out.fate = [e.fate];
	return out;
}

/** Frames worth a full check: each packet's first, middle and last, the first rule and cell frames. */
export function checkpoints(walk: Walk): number[] {
	const picks = new Set<number>();
	const starts = walk.packetStarts;
	starts.forEach((start, k) => {
		const end = (starts[k + 1] ?? walk.frames.length) - 1;
		picks.add(start);
		picks.add(Math.floor((start + end) / 2));
		picks.add(end);
	});
	const firstRule = walk.frames.findIndex((_, i) => expectedAt(walk, i).rule !== null);
	const firstCell = walk.frames.findIndex((_, i) => expectedAt(walk, i).cell !== null);
	for (const i of [firstRule, firstCell]) if (i >= 0) picks.add(i);
	return [...picks].sort((a, b) => a - b);
}

/** The frame Shift+→ goes to from `frame` (the machine's nextStart over stationStarts). */
export function nextStation(walk: Walk, frame: number): number {
	return walk.stationStarts.find((s) => s > frame) ?? walk.frames.length - 1;
}
