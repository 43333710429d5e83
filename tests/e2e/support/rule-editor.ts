/**
 * Driving the rule editor (CodeMirror) on the start page: wait until it holds the first example,
 * paste into it as a user does, read its text.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** The editable element (CodeMirror's content), `data-hook="rules-input"`. */
export const rulesInput = (page: Page): Locator => page.locator('[data-hook="rules-input"]');

/**
 * Opens the start page and waits until the editor exists (the page has hydrated) and holds the
 * home router's rules (opened on mount): text put in before that would be replaced.
 */
export async function openStartPage(page: Page): Promise<Locator> {
	await page.goto('/');
	const input = rulesInput(page);
	await expect(input).toContainText('MASQUERADE', { timeout: 15_000 });
	return input;
}

/** Replaces the editor's text through a real paste event (what Ctrl+V delivers). */
export async function pasteRules(page: Page, text: string): Promise<void> {
	const input = rulesInput(page);
	await input.click();
	await page.keyboard.press('ControlOrMeta+a');
	await input.evaluate((el, text) => {
		const data = new DataTransfer();
		data.setData('text/plain', text);
		el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
	}, text);
}

/** The editor's lines as shown (CodeMirror draws only what is in view: fine for short texts). */
export async function shownText(page: Page): Promise<string> {
	const lines = await rulesInput(page).locator('.cm-line').allTextContents();
	return lines.join('\n');
}
