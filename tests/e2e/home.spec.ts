import { expect, test } from '@playwright/test';
import { openStartPage, pasteRules } from './support/rule-editor';

test("the first page shows the home router's rules as tables, chains and rules", async ({
	page
}) => {
	const rules = await openStartPage(page);
	await expect(rules.locator('.cm-line').first()).toHaveText('*nat');

	const structure = page.locator('[data-hook="structure"]');
	const filter = structure.locator('[data-table="filter"]');
	await expect(filter).toBeVisible();
	await expect(structure.locator('[data-table="nat"]')).toBeVisible();

	const input = filter.locator('[data-chain="INPUT"]');
	await expect(input).toContainText('DROP');
	await expect(input.locator('[data-rule]')).toHaveCount(4);
	await expect(input.locator('[data-rule="4"]')).toContainText('--dport 22');
	await expect(structure.locator('[data-table="nat"] [data-chain="POSTROUTING"]')).toContainText(
		'MASQUERADE'
	);

	await expect(page.locator('[data-hook="diagnostic"]')).toHaveCount(0);

	await page.screenshot({ path: 'test-results/home.png', fullPage: true });
});

test('typing a rule set with an error shows the error with its line', async ({ page }) => {
	await openStartPage(page);
	const error = page.locator('[data-hook="diagnostic"][data-severity="error"]');
	await pasteRules(page, '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j NOPE\nCOMMIT\n');
	await expect(error.first()).toBeVisible();

	await expect(error.first()).toContainText('3:');
	await expect(error.first()).toHaveAttribute('data-code', /^[a-z0-9]+(-[a-z0-9]+)*$/);

	await page.screenshot({ path: 'test-results/home-error.png', fullPage: true });
});
