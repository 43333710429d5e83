/**
 * Replacing the working scenario's rules the way a user would, in one place: today the rules
 * editor is a textarea (`[data-hook="rules-input"]`); when it becomes CodeMirror only this file
 * needs to change.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Puts `text` in the rules editor and waits up to `timeout` ms for `ready` (something the new rules
 * show). Typing into the prerendered page before it has hydrated is lost, so it first waits for
 * the start page's first example to show its tables: that happens on mount, after hydration.
 */
export async function setRules(
	page: Page,
	text: string,
	ready: Locator,
	timeout = 15_000
): Promise<void> {
	await expect(page.locator('[data-hook="structure"] [data-table]').first()).toBeVisible({
		timeout: 15_000
	});
	// Not locator.fill: it takes minutes on a 400 kB rule set; an input event is what typing sends.
	await page.locator('[data-hook="rules-input"]').evaluate((el, value) => {
		(el as HTMLTextAreaElement).value = value;
		el.dispatchEvent(new Event('input', { bubbles: true }));
	}, text);
	await expect(ready).toBeAttached({ timeout });
}
