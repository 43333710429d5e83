/**
 * Replacing the working scenario's rules the way a user would: a paste into the rules editor
 * (CodeMirror), after the start page has hydrated and opened its first example.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { pasteRules } from './rule-editor';

/** Puts `text` in the rules editor and waits up to `timeout` ms for `ready` (something the new rules show). */
export async function setRules(
	page: Page,
	text: string,
	ready: Locator,
	timeout = 15_000
): Promise<void> {
	await expect(page.locator('[data-hook="structure"] [data-table]').first()).toBeVisible({
		timeout: 15_000
	});
	await pasteRules(page, text);
	await expect(ready).toBeAttached({ timeout });
}
