/**
 * Every example in rules-examples/ opens from the start page's picker (issue 7): its title is
 * shown, and the player walks the engine's frames for it from the first to the last.
 */
import { expect, test } from '@playwright/test';
import { blur, expectFrame, playerRoot } from './support/player-page';
import { exampleNames, exampleText, walkOf } from './support/walk-expect';

test('every example opens from the picker', async ({ page }) => {
	test.setTimeout(120_000);
	await page.goto('/');
	await expect(playerRoot(page)).toBeAttached({ timeout: 20_000 });
	const picker = page.locator('[data-hook="example-picker"]');
	const names = exampleNames();
	expect(names.length).toBeGreaterThanOrEqual(10);
	// Last first: the page opens home-router, and picking it again would change nothing.
	for (const name of [...names].reverse()) {
		const text = exampleText(name);
		const { title } = JSON.parse(text) as { title: string };
		const walk = walkOf(text, name);
		await expect(async () => {
			await picker.selectOption(name);
			await expect(page.locator('[data-hook="scenario-about"]')).toContainText(title, {
				timeout: 2_000
			});
		}).toPass({ timeout: 20_000 });
		await expect(picker).toHaveValue(name);
		await blur(page);
		await expectFrame(page, walk, 0);
		await page.keyboard.press('End');
		await expectFrame(page, walk, walk.frames.length - 1);
	}
});
