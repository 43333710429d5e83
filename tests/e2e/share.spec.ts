/**
 * Share links (issue 8): a link opens the same scenario at the same packet and step in a fresh
 * browser; links made by earlier versions keep opening; hostile and broken links show an error or
 * inert text — no dialog, no script, no request — and leave the work on the page as it was.
 */
import { expect, test, type Page } from '@playwright/test';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createDeflateRaw } from 'node:zlib';
import type { Walk } from '../../src/lib/app/walk';
import { encodeLink } from '../../src/lib/link/index';
import type { ScenarioJson } from '../../src/lib/scenario/scenario';
import { blur, expectFrame, playerRoot, shot } from './support/player-page';
import { exampleText, expectedAt, walkOf } from './support/walk-expect';

const FIXTURES = new URL('../fixtures/links/', import.meta.url);

/** The frame a link's position names, as the page clamps it. */
function frameAt(walk: Walk, packet: number, step: number): number {
	return walk.packetStarts[packet] + step - 1;
}

/**
 * Everything that could betray script execution or a fetch: dialogs, a global the payloads set,
 * and every request that is not the app's own page or assets.
 */
function watch(page: Page) {
	const dialogs: string[] = [];
	const foreign: string[] = [];
	page.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	page.on('request', (r) => {
		const url = new URL(r.url());
		const own =
			url.origin === 'http://localhost:' + (process.env.E2E_PORT ?? '4173') &&
			(url.pathname === '/' ||
				url.pathname.startsWith('/_app/') ||
				url.pathname === '/favicon.svg');
		if (!own) foreign.push(r.url());
	});
	return {
		async expectInert() {
			expect(dialogs, 'dialogs').toEqual([]);
			expect(foreign, 'requests outside the app').toEqual([]);
			expect(await page.evaluate(() => (window as { pwned?: unknown }).pwned)).toBeUndefined();
		}
	};
}

/** Opens the start page and waits until it has hydrated and walked home-router. */
async function openStart(page: Page, path = '/'): Promise<void> {
	await page.goto(path);
	await expect(playerRoot(page)).toBeAttached({ timeout: 20_000 });
}

test('a shared link opens the same scenario, trace and step in a fresh browser', async ({
	page,
	browser
}, testInfo) => {
	const scenario = JSON.parse(exampleText('home-router')) as ScenarioJson;
	scenario.title = 'Shared from a test';
	scenario.packets = scenario.packets.slice(0, 4);
	const text = JSON.stringify(scenario);
	const walk = walkOf(text);
	const file = testInfo.outputPath('shared.json');
	writeFileSync(file, text);

	await openStart(page);
	const open = page.locator('input[type=file][data-hook="open-scenario"]');
	await expect(async () => {
		await open.setInputFiles(file);
		await expect(page.locator('[data-hook="scenario-about"]')).toContainText('Shared from a test', {
			timeout: 2_000
		});
	}).toPass({ timeout: 20_000 });
	await blur(page);
	// Packet 2, a few steps in.
	await page.keyboard.press('2');
	for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
	const target = walk.packetStarts[1] + 4;
	await expectFrame(page, walk, target);

	await page.locator('[data-hook="share"]').click();
	const url = await page.locator('[data-hook="share-url"]').inputValue();
	expect(url).toMatch(/#v=1&s=[A-Za-z0-9_-]+&p=2&t=5$/);
	const length = Number(
		await page.locator('[data-hook="share-length"]').getAttribute('data-length')
	);
	expect(length).toBe(url.length);
	await expect(page.locator('[data-hook="share-too-long"]')).toHaveCount(0);
	await shot(page, 'share-panel');

	const fresh = await browser.newContext();
	const other = await fresh.newPage();
	const watcher = watch(other);
	await other.goto(url);
	await expect(other.locator('[data-hook="scenario-about"]')).toContainText('Shared from a test', {
		timeout: 20_000
	});
	await expectFrame(other, walk, target);
	// The link is read once and leaves the address bar: a reload keeps the (autosaved) work.
	expect(new URL(other.url()).hash).toBe('');
	await other.reload();
	await expectFrame(other, walk, target);
	await watcher.expectInert();
	await fresh.close();
});

for (const name of readdirSync(FIXTURES)
	.filter((f) => f.endsWith('.link'))
	.map((f) => f.replace(/\.link$/, ''))) {
	test(`the fixture link ${name} opens`, async ({ page }) => {
		const link = readFileSync(new URL(`${name}.link`, FIXTURES), 'utf8').trim();
		const expected = readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8');
		const walk = walkOf(expected);
		const at = /-packet-(\d+)-step-(\d+)$/.exec(name);
		const frame = at ? frameAt(walk, Number(at[1]) - 1, Number(at[2])) : 0;
		// The fixture's address is where it was made; its fragment is what must open here.
		await page.goto('/' + new URL(link).hash);
		await expect(playerRoot(page)).toHaveAttribute(
			'data-packet',
			expectedAt(walk, frame).packetId,
			{
				timeout: 20_000
			}
		);
		await expectFrame(page, walk, frame);
		await expect(page.locator('[data-hook="link-error"]')).toHaveCount(0);
	});
}

/** A scenario whose every free text is a script or an event handler. */
function hostileScenario(): ScenarioJson {
	const chain = '<svg/onload=pwned=1>';
	return {
		nfwalk: 1,
		title: '<script>window.pwned=1</script><img src=x onerror="window.pwned=1">',
		description: '<img src=/evil onerror=alert(1)> <iframe src="javascript:alert(1)"></iframe>',
		host: { interfaces: [{ name: 'eth0', addresses: ['10.0.1.1/24'] }] },
		rules: [
			'*filter',
			':INPUT ACCEPT [0:0]',
			`:${chain} - [0:0]`,
			`-A INPUT -p icmp -m comment --comment "<img src=x onerror=alert(1)>" -j ${chain}`,
			`-A ${chain} -j LOG --log-prefix "<script>alert(1)</script>"`,
			'COMMIT'
		].join('\n'),
		packets: [
			{ from: 'eth0', proto: 'icmp', src: '10.0.1.2', dst: '10.0.1.1', type: 8, code: 0, id: 1 }
		]
	};
}

test('a hostile link renders its scripts and handlers as inert text', async ({ page }) => {
	const watcher = watch(page);
	const scenario = hostileScenario();
	await openStart(page, '/#' + (await encodeLink(scenario)));
	const about = page.locator('[data-hook="scenario-about"]');
	await expect(about).toContainText('<script>window.pwned=1</script>', { timeout: 20_000 });
	await about.locator('summary').click();
	await expect(about).toContainText('<iframe src="javascript:alert(1)"></iframe>');
	// Walk to the end: the LOG line with its prefix, the comment and the chain are all shown.
	await blur(page);
	await page.keyboard.press('End');
	await expect(page.locator('body')).toContainText('<script>alert(1)</script>');
	await expect(page.locator('body')).toContainText('<svg/onload=pwned=1>');
	await expect(page.locator('[data-hook="structure"]').first()).toContainText(
		'<img src=x onerror=alert(1)>'
	);
	expect(await page.locator('img[src="x"], img[src="/evil"], iframe').count()).toBe(0);
	expect(await page.locator('[onload], [onerror]').count()).toBe(0);
	await shot(page, 'share-hostile');
	await watcher.expectInert();
});

/** ~1 GiB of zeros as raw deflate (about 1 MB): the classic decompression bomb. */
async function bomb(): Promise<string> {
	const deflate = createDeflateRaw({ level: 9 });
	const chunks: Buffer[] = [];
	deflate.on('data', (c: Buffer) => chunks.push(c));
	const done = new Promise((resolve) => deflate.on('end', resolve));
	const zeros = Buffer.alloc(16 * 1024 * 1024);
	for (let i = 0; i < 64; i++)
		if (!deflate.write(zeros)) await new Promise((r) => deflate.once('drain', r));
	deflate.end();
	await done;
	const packed = Buffer.concat(chunks);
	return 'v=1&s=' + Buffer.concat([Buffer.alloc(4), packed]).toString('base64url');
}

test.describe('broken and hostile links leave the work as it was', () => {
	const cases: [string, () => Promise<string>, RegExp][] = [
		['a 1 GiB decompression bomb', bomb, /more than 8 MiB/],
		[
			'a truncated link',
			async () => (await encodeLink(hostileScenario())).slice(0, -25),
			/damaged/
		],
		[
			'a link with a changed character',
			async () => {
				const link = await encodeLink(JSON.parse(exampleText('reject-vs-drop')));
				const i = Math.floor(link.length / 2);
				return link.slice(0, i) + (link[i] === 'A' ? 'B' : 'A') + link.slice(i + 1);
			},
			/damaged/
		],
		['a link from a newer nfwalk', async () => 'v=9&s=AAAA', /newer nfwalk/],
		[
			'a link whose scenario is invalid',
			async () =>
				encodeLink({
					...hostileScenario(),
					packets: [{ from: '<b>x</b>', proto: 'tcp', dst: '1.2.3.4' }]
				}),
			/error/
		]
	];
	for (const [what, make, message] of cases) {
		test(what, async ({ page }) => {
			const fragment = await make();
			const watcher = watch(page);
			await openStart(page);
			const about = page.locator('[data-hook="scenario-about"]');
			await expect(about).toContainText('Home router', { timeout: 20_000 });
			const before = await playerRoot(page).getAttribute('data-packet');
			// Only the hash changes: the page stays, as when a link is pasted into this tab. The time
			// is taken in the page, from the hash change to the error on screen.
			const took = await page.evaluate(async (f) => {
				const started = performance.now();
				location.hash = f;
				await new Promise<void>((resolve) => {
					const check = () =>
						document.querySelector('[data-hook="link-error"]')
							? resolve()
							: requestAnimationFrame(check);
					check();
				});
				return Math.round(performance.now() - started);
			}, fragment);
			await expect(page.locator('[data-hook="link-error-message"]')).toContainText(message);
			// A frozen tab would take far longer: inflation stops at the cap.
			expect(took).toBeLessThan(5_000);
			await expect(about).toContainText('Home router');
			await expect(playerRoot(page)).toHaveAttribute('data-packet', before ?? '');
			// The tab still answers at once.
			expect(await page.evaluate(() => 1 + 1)).toBe(2);
			await watcher.expectInert();
			await shot(page, 'share-' + what.replace(/\W+/g, '-'));
			console.log(
				`${what}: error shown after ${took} ms (fragment ${fragment.length.toLocaleString('en')} characters)`
			);
		});
	}
});

/** The rules editor's text, whichever editor the page has (a textarea or CodeMirror). */
async function rulesText(page: Page): Promise<string> {
	return page
		.locator('[data-hook="rules-input"]')
		.first()
		.evaluate((el) => (el instanceof HTMLTextAreaElement ? el.value : (el.textContent ?? '')));
}

/** Types a comment at the end of the rules, as a user editing them would. */
async function editRules(page: Page, marker: string): Promise<void> {
	const editor = page.locator('[data-hook="rules-input"]').first();
	await expect(async () => {
		await editor.click();
		await page.keyboard.press('Control+End');
		await page.keyboard.type(`\n# ${marker}`);
		expect(await rulesText(page)).toContain(marker);
	}).toPass({ timeout: 15_000 });
	// Saved after the pause.
	await expect
		.poll(() => page.evaluate(() => localStorage.getItem('nfwalk.work.v1') ?? ''), {
			timeout: 5_000
		})
		.toContain(marker);
}

test.describe('the work is kept in the browser', () => {
	test('a reload loses nothing', async ({ page }) => {
		await openStart(page);
		await expect(page.locator('[data-hook="scenario-about"]')).toContainText('Home router');
		await editRules(page, 'kept across a reload');
		await page.reload();
		await expect.poll(() => rulesText(page), { timeout: 15_000 }).toContain('kept across a reload');
		await expect(page.locator('[data-hook="restore-banner"]')).toHaveCount(0);
	});

	test('a link opened over edited work offers it back', async ({ page }) => {
		await openStart(page);
		await expect(page.locator('[data-hook="scenario-about"]')).toContainText('Home router');
		await editRules(page, 'my unsaved edit');
		const link = await encodeLink(JSON.parse(exampleText('reject-vs-drop')));
		await page.evaluate((f) => (location.hash = f), link);
		const about = page.locator('[data-hook="scenario-about"]');
		await expect(about).toContainText('REJECT', { timeout: 15_000 });
		await expect(page.locator('[data-hook="restore-banner"]')).toContainText('Home router');
		expect(await rulesText(page)).not.toContain('my unsaved edit');
		await shot(page, 'share-restore-banner');
		await page.locator('[data-hook="restore-work"]').click();
		await expect(about).toContainText('Home router');
		await expect.poll(() => rulesText(page)).toContain('my unsaved edit');
		await expect(page.locator('[data-hook="restore-banner"]')).toHaveCount(0);
	});

	test("a link opened in a new tab keeps the last visit's edits for restoring", async ({
		page,
		context
	}) => {
		await openStart(page);
		await expect(page.locator('[data-hook="scenario-about"]')).toContainText('Home router');
		await editRules(page, 'edit from the other tab');
		const other = await context.newPage();
		await other.goto('/#' + (await encodeLink(JSON.parse(exampleText('reject-vs-drop')))));
		await expect(other.locator('[data-hook="restore-banner"]')).toContainText('Home router', {
			timeout: 15_000
		});
		await other.locator('[data-hook="restore-work"]').click();
		await expect.poll(() => rulesText(other)).toContain('edit from the other tab');
	});

	test('export writes the scenario file and the rules', async ({ page }) => {
		await openStart(page);
		await expect(page.locator('[data-hook="scenario-about"]')).toContainText('Home router');
		await page.locator('[data-hook="export"]').click();
		const [scenarioFile] = await Promise.all([
			page.waitForEvent('download'),
			page.locator('[data-hook="export-scenario"]').click()
		]);
		expect(scenarioFile.suggestedFilename()).toBe(
			'home-router-masquerade-plus-a-port-forward.json'
		);
		const exported = JSON.parse(readFileSync(await scenarioFile.path(), 'utf8'));
		const original = JSON.parse(exampleText('home-router'));
		expect({ ...exported, rules: undefined }).toEqual({ ...original, rules: undefined });
		expect(exported.rules).toBe(original.rules.map((l: string) => l + '\n').join(''));
		const [saveFile] = await Promise.all([
			page.waitForEvent('download'),
			page.locator('[data-hook="export-save"]').click()
		]);
		expect(readFileSync(await saveFile.path(), 'utf8')).toMatch(/^\*nat\n/);
		const [script] = await Promise.all([
			page.waitForEvent('download'),
			page.locator('[data-hook="export-script"]').click()
		]);
		expect(readFileSync(await script.path(), 'utf8')).toMatch(
			/^#!\/bin\/sh\n[^]*\niptables -t nat -A PREROUTING /
		);
	});
});

test('the page forbids inline script: an injected one does not run', async ({ page }) => {
	await openStart(page);
	const csp = await page
		.locator('meta[http-equiv="content-security-policy"]')
		.getAttribute('content');
	const scriptSrc = /script-src ([^;]*)/.exec(csp ?? '')?.[1] ?? '';
	expect(scriptSrc).toMatch(/^'self'( 'sha256-[A-Za-z0-9+/=]+')*$/);
	const ran = await page.evaluate(async () => {
		const s = document.createElement('script');
		s.textContent = 'window.pwned = 1';
		document.head.append(s);
		const img = document.createElement('img');
		img.setAttribute('onerror', 'window.pwned = 2');
		img.src = 'data:,';
		document.body.append(img);
		await new Promise((r) => setTimeout(r, 200));
		return (window as { pwned?: number }).pwned ?? null;
	});
	expect(ran).toBeNull();
});
