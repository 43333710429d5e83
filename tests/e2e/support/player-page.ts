/**
 * Driving the player page: open a scenario route once it has hydrated, compare the page with the
 * engine's frames, take screenshots where the test run keeps them.
 */
import { expect, type Page } from '@playwright/test';
import type { Walk } from '../../../src/lib/app/walk';
import { expectedAt, pageState, shownFor, view, type Shown } from './walk-expect';

export const SHOTS = 'test-results/screenshots';

export const playerRoot = (page: Page) => page.locator('[data-packet][data-step]');

/**
 * Waits until the page answers keys: the prerendered HTML shows the first frame before it has
 * hydrated and keys pressed then are lost, so press End until it sticks, then go Home.
 */
export async function whenInteractive(page: Page, walk: Walk): Promise<void> {
	const root = playerRoot(page);
	await expect(root).toBeAttached({ timeout: 15_000 });
	const last = expectedAt(walk, walk.frames.length - 1);
	await expect(async () => {
		await page.keyboard.press('End');
		await expect(root).toHaveAttribute('data-step', String(last.step), { timeout: 1_000 });
		await expect(root).toHaveAttribute('data-packet', last.packetId, { timeout: 1_000 });
	}).toPass({ timeout: 20_000 });
	await page.keyboard.press('Home');
	await expectFrame(page, walk, 0);
}

export async function openExample(page: Page, name: string, walk: Walk): Promise<void> {
	await page.goto(`/example/${name}`);
	await whenInteractive(page, walk);
}

/** The root's data-packet and data-step are frame `i`'s. */
export async function expectStep(page: Page, walk: Walk, i: number): Promise<void> {
	const e = expectedAt(walk, i);
	const root = playerRoot(page);
	await expect(root, `frame ${i}: data-packet`).toHaveAttribute('data-packet', e.packetId);
	await expect(root, `frame ${i}: data-step`).toHaveAttribute('data-step', String(e.step));
}

/**
 * Everything the contract pins down at frame `i`: packet, step, active station, active cell, active
 * rule row (when its chain panel is shown) and, at a packet's last frame, the fate; soft, so one
 * run reports every mismatching frame. Returns what it last saw (which parts it could compare).
 */
export async function expectFrame(
	page: Page,
	walk: Walk,
	i: number,
	soft = false
): Promise<Shown | null> {
	const e = expectedAt(walk, i);
	let seen: Shown | null = null;
	const check = async () => {
		const s = await pageState(page);
		seen = view(s, e);
		expect(seen).toEqual(shownFor(s, e));
	};
	const label = `frame ${i} (packet ${e.packetId}, step ${e.step}, ${e.station}${e.cell ? ` ${e.cell}` : ''}${e.rule ? ` rule ${e.rule}` : ''}${e.fate ? ` fate ${e.fate}` : ''})`;
	if (soft) await expect.soft(check, label).toPass({ timeout: 3_000 });
	else await expect(check, label).toPass({ timeout: 3_000 });
	return seen;
}

/** Saves a screenshot once the token has stopped moving (at most 3 s), so it shows the frame. */
export async function shot(page: Page, name: string): Promise<void> {
	const token = page.locator('[data-token]').first();
	let last = '';
	for (let t = 0; t < 30 && (await token.count()) > 0; t++) {
		const now = JSON.stringify(await token.boundingBox());
		if (now === last) break;
		last = now;
		await page.waitForTimeout(100);
	}
	await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

/** Takes focus off any control, so keys go to the player and not to a button or select. */
export async function blur(page: Page): Promise<void> {
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur?.());
}

/**
 * Sets the fastest speed the page offers through `[data-hook="speed"]` (a select, or a range or
 * number input); returns it, or null when the page has no such control.
 */
export async function fastestSpeed(page: Page): Promise<number | null> {
	const speed = page.locator('[data-hook="speed"]').first();
	if ((await speed.count()) === 0) return null;
	const set = await speed.evaluate((el) => {
		const fire = () => {
			el.dispatchEvent(new Event('input', { bubbles: true }));
			el.dispatchEvent(new Event('change', { bubbles: true }));
		};
		if (el instanceof HTMLSelectElement) {
			const best = [...el.options].reduce((a, b) =>
				parseFloat(b.value) > parseFloat(a.value) ? b : a
			);
			el.value = best.value;
			fire();
			return parseFloat(best.value);
		}
		if (el instanceof HTMLInputElement) {
			el.value = el.max || '16';
			fire();
			return parseFloat(el.value);
		}
		return null;
	});
	await blur(page);
	return set !== null && Number.isFinite(set) ? set : null;
}
