/**
 * The player's keyboard (issue 6: space, → / ←, Shift+→, Home/End, 1–9, ?) and opening a
 * scenario file from the start page, checked through the data-* contract against the frames
 * walkScenario computes in the test.
 */
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import type { Walk } from '../../src/lib/app/walk';
import { blur, expectFrame, openExample, playerRoot, shot } from './support/player-page';
import { exampleText, expectedAt, loadWalk, nextStation, walkOf } from './support/walk-expect';

/** Presses a key `n` times. */
async function press(page: Page, key: string, n = 1): Promise<void> {
	for (let k = 0; k < n; k++) await page.keyboard.press(key);
}

test.describe('keyboard (home-router)', () => {
	const name = 'home-router';
	let walk: Walk;
	test.beforeEach(async ({ page }) => {
		walk = loadWalk(name);
		await openExample(page, name, walk);
	});

	test('→ steps forward and ← steps back', async ({ page }) => {
		await press(page, 'ArrowRight', 3);
		await expectFrame(page, walk, 3);
		await press(page, 'ArrowLeft');
		await expectFrame(page, walk, 2);
		await press(page, 'ArrowLeft', 5);
		await expectFrame(page, walk, 0);
	});

	test('Shift+→ jumps to the next station', async ({ page }) => {
		let frame = 0;
		for (let k = 0; k < 6; k++) {
			const next = nextStation(walk, frame);
			await press(page, 'Shift+ArrowRight');
			await expectFrame(page, walk, next);
			frame = next;
		}
		await shot(page, `${name}-next-station`);
	});

	test('End goes to the last frame and Home back to the first', async ({ page }) => {
		await press(page, 'End');
		await expectFrame(page, walk, walk.frames.length - 1);
		await press(page, 'Home');
		await expectFrame(page, walk, 0);
	});

	test('digit 2 jumps to packet 2, digit 1 back to packet 1', async ({ page }) => {
		await press(page, '2');
		await expectFrame(page, walk, walk.packetStarts[1]);
		expect(expectedAt(walk, walk.packetStarts[1]).packetId).toBe('2');
		await press(page, '1');
		await expectFrame(page, walk, 0);
	});

	test('? opens the help overlay and Escape closes it', async ({ page }) => {
		const help = page.locator('[data-hook="help"]');
		await press(page, '?');
		await expect(help).toBeVisible();
		await expect(help).toContainText(/space/i);
		await shot(page, `${name}-help`);
		await press(page, 'Escape');
		await expect(help).toBeHidden();
	});

	test('the token moves to the next station', async ({ page }) => {
		const token = page.locator('[data-token]');
		const before = await token.boundingBox();
		expect(before).not.toBeNull();
		await press(page, 'Shift+ArrowRight', 2);
		await expect
			.poll(async () => {
				const b = await token.boundingBox();
				return b && before ? Math.hypot(b.x - before.x, b.y - before.y) : 0;
			})
			.toBeGreaterThan(20);
	});
});

test.describe('keyboard with generated packets (reject-vs-drop)', () => {
	// Trace packets 1, 1.1 (the REJECT's error), 2, …: digit 2 is scenario packet 2, the one whose
	// data-packet is "2", not the second packet of the trace.
	test('digit 2 jumps to the packet whose id is 2', async ({ page }) => {
		const name = 'reject-vs-drop';
		const walk = loadWalk(name);
		await openExample(page, name, walk);
		const start = walk.packetStarts.find((s) => expectedAt(walk, s).packetId === '2')!;
		await press(page, '2');
		await expectFrame(page, walk, start);
	});
});

test('the start page opens a scenario file', async ({ page }, testInfo) => {
	// home-router cut to its first three packets: a walk no example has, so what the player shows
	// afterwards is this file's and not an example the start page already showed.
	const scenario = JSON.parse(exampleText('home-router'));
	scenario.title = 'Opened from a file';
	scenario.packets = scenario.packets.slice(0, 3);
	const text = JSON.stringify(scenario);
	const walk = walkOf(text);
	const file = testInfo.outputPath('opened-from-a-file.json');
	writeFileSync(file, text);
	const last = expectedAt(walk, walk.frames.length - 1);

	await page.goto('/');
	const open = page.locator('input[type=file][data-hook="open-scenario"]');
	await expect(open).toBeAttached();
	// The page is prerendered; a file chosen before it has hydrated is lost, so retry.
	await expect(async () => {
		await open.setInputFiles(file);
		await blur(page);
		await page.keyboard.press('End');
		await expect(playerRoot(page)).toHaveAttribute('data-packet', last.packetId, {
			timeout: 2_000
		});
		await expect(playerRoot(page)).toHaveAttribute('data-step', String(last.step), {
			timeout: 500
		});
	}).toPass({ timeout: 20_000 });
	await expect(page.locator('[data-token]')).toBeVisible();
	await expectFrame(page, walk, walk.frames.length - 1);
	await press(page, 'Home');
	await expectFrame(page, walk, 0);
	await press(page, 'ArrowRight');
	await expectFrame(page, walk, 1);
	await shot(page, 'start-page-opened');
});
