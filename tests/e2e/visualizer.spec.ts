/**
 * The visualizer against the engine: every scenario in rules-examples/ opened at /example/NAME,
 * stepped with the keyboard and played to the end, the page read through the data-* contract of
 * issue 6 and compared with the frames walkScenario computes here in the test.
 */
import { expect, test, type Page } from '@playwright/test';
import { tickMs } from '../../src/lib/machine/player-logic';
import type { Walk } from '../../src/lib/app/walk';
import {
	blur,
	expectFrame,
	expectStep,
	fastestSpeed,
	openExample,
	playerRoot,
	shot
} from './support/player-page';
import { checkpoints, exampleNames, expectedAt, loadWalk } from './support/walk-expect';

// A trace snapshots the DOM at every action: stepping home-router's 134 frames takes a minute with
// it and 5 s without. A mismatch is reported with its frame and both states, which is enough.
test.use({ trace: 'off' });

/** Frames worth a screenshot: the first, the first rule, the middle, drops and rejects, the last. */
function shotFrames(walk: Walk): Map<number, string> {
	const shots = new Map<number, string>();
	const last = walk.frames.length - 1;
	shots.set(0, 'first');
	const rule = walk.frames.findIndex((_, i) => expectedAt(walk, i).rule !== null);
	if (rule >= 0) shots.set(rule, 'first-rule');
	shots.set(Math.floor(last / 2), 'middle');
	walk.frames.forEach((_, i) => {
		const fate = expectedAt(walk, i).fate;
		if (fate === 'dropped' || fate === 'rejected') shots.set(i, `${fate}-${i}`);
	});
	shots.set(last, 'last');
	return shots;
}

/** Presses a key `n` times. */
async function press(page: Page, key: string, n = 1): Promise<void> {
	for (let k = 0; k < n; k++) await page.keyboard.press(key);
}

for (const name of exampleNames()) {
	test.describe(name, () => {
		test('steps frame by frame as the engine traced it', async ({ page }) => {
			const walk = loadWalk(name);
			test.setTimeout(60_000 + walk.frames.length * 500);
			await openExample(page, name, walk);
			await expect(page.locator('[data-token]')).toBeVisible();

			const full = new Set(checkpoints(walk));
			const shots = shotFrames(walk);
			let ruleFrames = 0;
			let ruleRowsSeen = 0;
			for (let i = 0; i < walk.frames.length; i++) {
				if (i > 0) await page.keyboard.press('ArrowRight');
				// Packet and step at every frame (a lost key would shift all later checks) …
				await expectStep(page, walk, i);
				// … station, cell, rule row and fate too, reporting every mismatch; past a dozen of
				// them only at the checkpoints, so a systematic one does not take minutes to report.
				if (full.has(i) || test.info().errors.length < 12) {
					const seen = await expectFrame(page, walk, i, true);
					if (expectedAt(walk, i).rule) {
						ruleFrames++;
						if (seen?.rules) ruleRowsSeen++;
					}
				}
				const label = shots.get(i);
				if (label) await shot(page, `${name}-${label}`);
			}
			// Rule rows are compared only where the chain panel shows the frame's chain: say how often.
			test.info().annotations.push({
				type: 'rule rows',
				description: `compared at ${ruleRowsSeen} of ${ruleFrames} rule frames checked`
			});
		});

		test('plays to the end', async ({ page }) => {
			const walk = loadWalk(name);
			const last = walk.frames.length - 1;
			await openExample(page, name, walk);
			const speed = await fastestSpeed(page);
			// Without a speed control, play only the last packet: the whole scenario at 700 ms a
			// frame would take minutes.
			const from = speed === null ? walk.packetStarts[walk.packetStarts.length - 1] : 0;
			if (from === 0) await press(page, 'Home');
			else {
				await press(page, 'End');
				await press(page, 'ArrowLeft', last - from);
			}
			await expectStep(page, walk, from);
			const budget = (last - from + 1) * tickMs(speed ?? 1) + 15_000;
			test.setTimeout(60_000 + budget);

			// Every frame the player shows while it plays, as `packet/step`.
			await page.evaluate(() => {
				const root = document.querySelector('[data-packet][data-step]')!;
				const seen: string[] = [];
				(window as unknown as { __played: string[] }).__played = seen;
				new MutationObserver(() => {
					const now = `${root.getAttribute('data-packet')}/${root.getAttribute('data-step')}`;
					if (seen[seen.length - 1] !== now) seen.push(now);
				}).observe(root, { attributes: true, attributeFilter: ['data-packet', 'data-step'] });
			});
			await blur(page);
			await page.keyboard.press('Space');
			const end = expectedAt(walk, last);
			await expect(playerRoot(page)).toHaveAttribute('data-packet', end.packetId, {
				timeout: budget
			});
			await expect(playerRoot(page)).toHaveAttribute('data-step', String(end.step), {
				timeout: budget
			});
			await expect(page.locator('[data-hook="fate"]')).toHaveAttribute('data-fate', end.fate!);
			await expectFrame(page, walk, last);
			// It went there one frame at a time, in the engine's order.
			const played = await page.evaluate(
				() => (window as unknown as { __played: string[] }).__played
			);
			const frames = walk.frames.slice(from + 1).map((_, k) => {
				const e = expectedAt(walk, from + 1 + k);
				return `${e.packetId}/${e.step}`;
			});
			expect(played).toEqual(frames);
			await shot(page, `${name}-played`);
		});
	});
}
