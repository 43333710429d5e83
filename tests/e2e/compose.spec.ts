/**
 * The host form and the packet composer on the start page (home-router is open): compose a
 * connection through the port forward with the preset, a masqueraded handshake with "add the
 * reply", and see the visualizer walk them with the fates the engine gives; import `ip addr`
 * output into the host.
 */
import { expect, test, type Page } from '@playwright/test';
import type { PacketJson, ScenarioJson } from '../../src/lib/scenario/scenario';
import { packetLine } from '../../src/lib/app/components/compose/packet-line';
import { fateKind } from '../../src/lib/viz/model/frames';
import { blur, playerRoot } from './support/player-page';
import { exampleText, walkOf } from './support/walk-expect';

const homeRouter = JSON.parse(exampleText('home-router')) as ScenarioJson;

/** The fate of each scenario packet when the home router walks `packets`, as data-fate says it. */
function fatesOf(packets: PacketJson[]): string[] {
	const walk = walkOf(JSON.stringify({ ...homeRouter, packets }));
	return walk.trace.packets.filter((p) => !p.id.includes('.')).map((p) => fateKind(p, walk.trace));
}

const rows = (page: Page) => page.locator('[data-hook="packet-list"] [data-packet-row]');

/** Opens a tab once the page has hydrated (a click before that is lost). */
async function openTab(page: Page, tab: 'host' | 'packets'): Promise<void> {
	await expect(async () => {
		await page.locator(`[data-hook="tab-${tab}"]`).click();
		await expect(page.locator(`#panel-${tab}`)).toBeVisible({ timeout: 1_000 });
	}).toPass({ timeout: 15_000 });
}

/** The list shows `packets`, each with its fate from a walk of exactly these packets. */
async function expectComposed(page: Page, packets: PacketJson[]): Promise<void> {
	await expect(rows(page)).toHaveCount(packets.length);
	await expect(page.locator('[data-hook="packet-line"]')).toHaveText(packets.map(packetLine));
	const fates = fatesOf(packets);
	for (const [i, fate] of fates.entries())
		await expect(rows(page).nth(i)).toHaveAttribute('data-fate', fate);
}

/** The visualizer at packet N (key N) shows that packet and its fate. */
async function expectPlayerFates(page: Page, packets: PacketJson[]): Promise<void> {
	const fates = fatesOf(packets);
	await blur(page);
	for (const [i, fate] of fates.entries()) {
		await page.keyboard.press(String(i + 1));
		await expect(playerRoot(page)).toHaveAttribute('data-packet', String(i + 1));
		await expect(page.locator('[data-hook="fate"]')).toHaveAttribute('data-fate', fate);
	}
}

test('a preset connection through the port forward and a handshake built with add-reply', async ({
	page
}) => {
	await page.goto('/');
	await openTab(page, 'packets');
	await expect(rows(page)).toHaveCount(homeRouter.packets.length);

	await page.locator('[data-hook="packets-clear"]').click();
	await expect(rows(page)).toHaveCount(0);

	// The internet client of the example, to the forwarded port.
	await page.locator('[data-hook="ends-client-at"]').selectOption('r-eth1');
	await page.locator('[data-hook="ends-client-address"]').fill('10.0.2.2');
	await page.locator('[data-hook="ends-client-port"]').fill('40000');
	await page.locator('[data-hook="ends-server-address"]').fill('10.0.2.1');
	await page.locator('[data-hook="ends-server-port"]').fill('8080');
	await page.locator('[data-hook="preset-handshake"]').click();
	// The server's packets come from the web server behind the DNAT: the example's own packets.
	const connection = homeRouter.packets.slice(0, 8);
	await expectComposed(page, connection);
	expect(new Set(fatesOf(connection))).toEqual(new Set(['forwarded']));
	await expectPlayerFates(page, connection);
	await page.screenshot({ path: 'test-results/compose-preset.png', fullPage: true });

	// A LAN client's SYN (the "New packet" default), then the replies, each from the last walk.
	await page.locator('[data-hook="packets-clear"]').click();
	await page.locator('[data-hook="packet-add"]').click();
	const syn: PacketJson = {
		from: 'r-eth0',
		proto: 'tcp',
		dst: '10.0.2.2',
		sport: 40000,
		dport: 80,
		flags: ['SYN'],
		src: '10.0.1.2'
	};
	await expectComposed(page, [syn]);
	await page.locator('[data-hook="add-reply"]').click();
	// Masqueraded: the SYN-ACK comes back to the router's address on r-eth1.
	const synAck: PacketJson = {
		from: 'r-eth1',
		proto: 'tcp',
		src: '10.0.2.2',
		dst: '10.0.2.1',
		sport: 80,
		dport: 40000,
		flags: ['SYN', 'ACK']
	};
	await expectComposed(page, [syn, synAck]);
	await expect(rows(page).nth(1)).toHaveAttribute('data-selected', '');
	await page.locator('[data-hook="add-reply"]').click();
	// The ACK leaves from the LAN client again: the walk saw the SYN-ACK de-masqueraded to r-eth0.
	const ack: PacketJson = { ...syn, flags: ['ACK'] };
	await expectComposed(page, [syn, synAck, ack]);
	await expectPlayerFates(page, [syn, synAck, ack]);
	await page.locator('[data-packet-row="2"] button').first().click();
	await page.screenshot({ path: 'test-results/compose-replies.png', fullPage: true });
});

test('the packet form edits the selected packet and shows the parser’s complaint', async ({
	page
}) => {
	await page.goto('/');
	await openTab(page, 'packets');
	await expect(rows(page)).toHaveCount(homeRouter.packets.length);
	await page.locator('[data-packet-row="1"] button').first().click();
	const form = page.locator('[data-hook="packet-form"]');
	await form.locator('[data-field="dport"]').fill('99999');
	await expect(page.locator('[data-hook="field-diagnostic"]').first()).toContainText(
		'packets[0].dport'
	);
	await expect(rows(page).first()).toHaveAttribute('data-invalid', '');
	await page.screenshot({ path: 'test-results/compose-packet-error.png', fullPage: true });
	await form.locator('[data-field="dport"]').fill('8080');
	await expect(page.locator('[data-hook="field-diagnostic"]')).toHaveCount(0);
	// Flags by checkbox: the SYN becomes a SYN-ACK.
	await form.locator('[data-flag="ACK"]').check();
	const lines = page.locator('[data-hook="packet-line"]');
	await expect(lines.first()).toContainText('SYN,ACK');
	const first = await lines.first().textContent();
	const second = await lines.nth(1).textContent();

	// Duplicate, delete, move.
	const n = homeRouter.packets.length;
	await rows(page).first().locator('[data-hook="packet-duplicate"]').click();
	await expect(rows(page)).toHaveCount(n + 1);
	await expect(lines.nth(1)).toHaveText(first!);
	await expect(rows(page).nth(1)).toHaveAttribute('data-selected', '');
	await rows(page).nth(1).locator('[data-hook="packet-delete"]').click();
	await expect(rows(page)).toHaveCount(n);
	await rows(page).first().locator('[data-hook="packet-down"]').click();
	await expect(lines.nth(0)).toHaveText(second!);
	await expect(lines.nth(1)).toHaveText(first!);
});

const IP_ADDR = `$ ip addr
1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    inet 127.0.0.1/8 scope host lo
2: r-eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default
    link/ether 02:00:00:00:01:01 brd ff:ff:ff:ff:ff:ff link-netnsid 0
    inet 10.0.1.1/24 brd 10.0.1.255 scope global r-eth0
3: r-eth1@if8: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default
    inet 10.0.2.1/24 brd 10.0.2.255 scope global r-eth1
    inet6 fe80::1/64 scope link
4: wg0: <POINTOPOINT,NOARP,UP,LOWER_UP> mtu 1420 qdisc noqueue state UNKNOWN group default
    inet 10.8.0.1 peer 10.8.0.2/32 scope global wg0
$ ip route
default via 10.0.2.254 dev r-eth1 proto static
10.0.1.0/24 dev r-eth0 proto kernel scope link src 10.0.1.1
what is this line
`;

test('importing ip addr and ip route output fills the host form', async ({ page }) => {
	await page.goto('/');
	await openTab(page, 'host');
	const interfaces = page.locator('[data-hook="host-interfaces"] [data-row]');
	await expect(interfaces).toHaveCount(2);

	await page.locator('[data-hook="ip-import-text"]').fill(IP_ADDR);
	await page.locator('[data-hook="ip-import-apply"]').click();

	await expect(interfaces).toHaveCount(3);
	const names = interfaces.locator('[data-field="name"]');
	await expect(names.nth(0)).toHaveValue('r-eth0');
	await expect(names.nth(2)).toHaveValue('wg0');
	await expect(interfaces.nth(0).locator('[data-field="mac"]')).toHaveValue('02:00:00:00:01:01');
	await expect(interfaces.nth(2).locator('[data-field="addresses"]')).toHaveValue('10.8.0.1/32');
	const routes = page.locator('[data-hook="host-routes"] [data-row]');
	await expect(routes).toHaveCount(1);
	await expect(routes.first().locator('[data-field="via"]')).toHaveValue('10.0.2.254');

	const problem = page.locator('[data-hook="import-diagnostic"]');
	await expect(problem).toHaveCount(1);
	await expect(problem).toHaveAttribute('data-code', 'import-unreadable');
	await expect(problem).toContainText('line 15, column 1');

	// The example's packets still walk on the imported host (same names and addresses).
	await expect(page.locator('[data-hook="scenario-diagnostics"]')).toHaveCount(0);

	// A bad address: the parser's message shows under the interface's row.
	await interfaces.nth(2).locator('[data-field="addresses"]').fill('10.8.0.300/32');
	const message = page.locator('[data-hook="host-interfaces"] [data-hook="field-diagnostic"]');
	await expect(message).toContainText('host.interfaces[2].addresses[0]');
	await page.screenshot({ path: 'test-results/compose-host.png', fullPage: true });
});
