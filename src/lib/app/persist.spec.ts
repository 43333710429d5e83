import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ScenarioJson } from '../scenario/scenario';
import { rulesSaveFile, rulesScript } from './export';
import { loadWork, saveWork, WORK_KEY, type SavedWork } from './persist';

/** Local storage in memory; `full` makes every write fail as a full quota does. */
class MemoryStorage implements Storage {
	private items = new Map<string, string>();
	constructor(private readonly full = false) {}
	get length() {
		return this.items.size;
	}
	clear() {
		this.items.clear();
	}
	getItem(k: string) {
		return this.items.get(k) ?? null;
	}
	key(i: number) {
		return [...this.items.keys()][i] ?? null;
	}
	removeItem(k: string) {
		this.items.delete(k);
	}
	setItem(k: string, v: string) {
		if (this.full) throw new DOMException('full', 'QuotaExceededError');
		this.items.set(k, v);
	}
}

const home = JSON.parse(
	readFileSync(new URL('../../../rules-examples/home-router.json', import.meta.url), 'utf8')
) as ScenarioJson;

const work: SavedWork = {
	version: 1,
	savedAt: '2026-11-22T03:00:00.000Z',
	doc: home,
	name: 'home-router',
	origin: 'example',
	edited: true,
	position: { packet: 2, step: 5 }
};

describe('saved work', () => {
	it('comes back as it was saved', () => {
		const s = new MemoryStorage();
		expect(saveWork(s, WORK_KEY, work)).toBeNull();
		expect(loadWork(s, WORK_KEY)).toEqual(work);
	});

	it.each([
		['nothing saved', null],
		['not JSON', '{"version":1,'],
		['another version', JSON.stringify({ ...work, version: 2 })],
		['no document', JSON.stringify({ ...work, doc: null })],
		['a document that is not a scenario', JSON.stringify({ ...work, doc: { nfwalk: 1 } })],
		['no position', JSON.stringify({ ...work, position: { packet: 'x', step: 1 } })]
	])('%s is ignored', (_, raw) => {
		const s = new MemoryStorage();
		if (raw !== null) s.setItem(WORK_KEY, raw);
		expect(loadWork(s, WORK_KEY)).toBeNull();
	});

	it('an unknown origin reads as saved work, a missing edited flag as unedited', () => {
		const s = new MemoryStorage();
		s.setItem(WORK_KEY, JSON.stringify({ ...work, origin: 'elsewhere', edited: 'yes' }));
		expect(loadWork(s, WORK_KEY)).toMatchObject({ origin: 'saved', edited: false });
	});

	it('a full storage is a reason, not an exception', () => {
		expect(saveWork(new MemoryStorage(true), WORK_KEY, work)).toMatch(/too big .* export/);
	});
});

describe('export', () => {
	it('the rules as iptables-save text and as a script', () => {
		const save = rulesSaveFile(home);
		expect(save.ok && save.text).toMatch(/^\*nat\n:PREROUTING ACCEPT \[0:0\]\n/);
		const script = rulesScript(home);
		expect(script.ok && script.text).toMatch(
			/^#!\/bin\/sh\n# Home router: masquerade plus a port forward: /
		);
		expect(script.ok && script.text).toContain(
			'\niptables -t nat -A POSTROUTING -s 10.0.1.0/24 -o r-eth1 -j MASQUERADE\n'
		);
		expect(script.ok && script.text).toContain('\niptables -t filter -P INPUT DROP\n');
	});

	it('refuses rules with errors and says why', () => {
		const bad = { ...home, rules: '*filter\n-A INPUT -j NOPE\nCOMMIT\n' };
		expect(rulesSaveFile(bad)).toEqual({
			ok: false,
			reason: expect.stringMatching(/error; fix it first/)
		});
		expect(rulesScript(bad).ok).toBe(false);
	});

	it('a title cannot break out of the script comment', () => {
		const script = rulesScript({ ...home, title: 'x\nrm -rf /' });
		expect(script.ok && script.text.split('\n').filter((l) => l.startsWith('rm'))).toEqual([]);
	});
});
