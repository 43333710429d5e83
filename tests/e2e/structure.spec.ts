import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { setRules } from './support/set-rules';

const RULES = `*filter
:INPUT DROP [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:SSH - [0:0]
:LOGDROP - [0:0]
:OLD - [0:0]
-A INPUT -i lo -j ACCEPT
-A INPUT -p tcp -j SSH
-A INPUT -p tcp -j ACCEPT
-A INPUT -p tcp -m tcp --dport 22 -j DROP
-A INPUT -g LOGDROP
-A SSH -s 10.0.0.0/8 -p tcp -m tcp --dport 22 -j ACCEPT
-A SSH -j RETURN
-A LOGDROP -j LOG
-A LOGDROP -j DROP
-A OLD -j LOGDROP
COMMIT
`;

test('the structure flags an unreachable chain and a shadowed rule and draws the jumps', async ({
	page
}) => {
	await page.goto('/');
	const structure = page.locator('[data-hook="structure"]');
	const filter = structure.locator('[data-table="filter"]');
	await setRules(page, RULES, filter.locator('[data-chain="OLD"]'));

	// Chains and rules, with the canonical text and the source line.
	await expect(structure.locator('[data-table]')).toHaveCount(1);
	const input = filter.locator('[data-chain="INPUT"]');
	await expect(input.locator('[data-rule]')).toHaveCount(5);
	await expect(input.locator('[data-rule="2"]')).toContainText('-p tcp -j SSH');
	await expect(input.locator('[data-rule="2"]')).toContainText('line 9');

	// Unreachable: OLD only; LOGDROP is reached by a goto, SSH by a jump.
	await expect(filter.locator('[data-chain][data-unreachable]')).toHaveCount(1);
	await expect(filter.locator('[data-chain="OLD"]')).toHaveAttribute('data-unreachable', '');
	await expect(filter.locator('[data-chain="OLD"]')).toContainText(
		'no packet enters OLD: no rule of table filter jumps or goes to it'
	);

	// Shadowed: INPUT rule 4 by rule 3, nothing else (RETURN after a narrower rule, DROP after LOG).
	await expect(filter.locator('[data-shadowed-by]')).toHaveCount(1);
	const shadowed = input.locator('[data-rule="4"]');
	await expect(shadowed).toHaveAttribute('data-shadowed-by', '3');
	await expect(shadowed).toHaveAttribute(
		'title',
		'never matches: rule 3 (-p tcp -j ACCEPT) already takes every packet this rule would'
	);

	// The jump graph: one edge per caller and callee, gotos marked, OLD drawn as unreachable.
	const graph = filter.locator('[data-hook="jump-graph"]');
	const edges = await graph
		.locator('[data-edge]')
		.evaluateAll((els) => els.map((e) => e.getAttribute('data-edge')).sort());
	expect(edges).toEqual(['INPUT->LOGDROP', 'INPUT->SSH', 'OLD->LOGDROP']);
	await expect(graph.locator('[data-edge="INPUT->LOGDROP"]')).toHaveAttribute('data-goto', '');
	await expect(graph.locator('[data-edge="INPUT->SSH"]')).not.toHaveAttribute('data-goto', /.*/);
	await expect(graph.locator('[data-node][data-unreachable]')).toHaveCount(1);
	await expect(graph.locator('[data-node="OLD"]')).toHaveAttribute('data-unreachable', '');

	await structure.screenshot({ path: 'test-results/structure.png' });

	// A box in the graph scrolls to its chain.
	await page.setViewportSize({ width: 1280, height: 500 });
	await graph.locator('[data-node="OLD"]').click();
	await expect(filter.locator('[data-chain="OLD"]')).toBeInViewport();

	// So does a finding, to its rule.
	await filter.locator('[data-hook="findings"] summary').click();
	await filter.locator('[data-hook="finding"]', { hasText: 'INPUT rule 4' }).click();
	await expect(shadowed).toBeInViewport();
});

test('editing the rules updates the findings', async ({ page }) => {
	await page.goto('/');
	const filter = page.locator('[data-hook="structure"] [data-table="filter"]');
	await setRules(page, RULES, filter.locator('[data-chain="OLD"]'));
	await expect(filter.locator('[data-shadowed-by]')).toHaveCount(1);

	// Narrow rule 3 to udp: rule 4 (tcp port 22) can match again; call OLD from FORWARD.
	const fixed = RULES.replace('-A INPUT -p tcp -j ACCEPT', '-A INPUT -p udp -j ACCEPT').replace(
		'COMMIT',
		'-A FORWARD -j OLD\nCOMMIT'
	);
	await setRules(
		page,
		fixed,
		filter.locator('[data-hook="jump-graph"] [data-edge="FORWARD->OLD"]')
	);
	await expect(filter.locator('[data-shadowed-by]')).toHaveCount(0);
	await expect(filter.locator('[data-unreachable]')).toHaveCount(0);
});

const BIG = '../shared/corpus/real/github-vssblt-gfw-list-ssredir.rules';

test('the 8,453-rule chain shows its first rules and more on request', async ({ page }) => {
	test.skip(
		!existsSync(BIG),
		`${BIG} is absent (the shared corpus is not checked out beside this one)`
	);
	test.setTimeout(120_000);
	const text = readFileSync(BIG, 'utf8');
	await page.goto('/');
	const structure = page.locator('[data-hook="structure"]');
	await expect(structure.locator('[data-table]').first()).toBeVisible({ timeout: 15_000 });
	const chain = structure.locator('[data-table="nat"] [data-chain="SS_REDIR"]');
	const started = Date.now();
	await setRules(page, text, chain, 60_000);
	const shown = Date.now() - started;

	await expect(chain).toContainText('8452 rules');
	await expect(chain.locator('[data-rule]')).toHaveCount(100);
	await expect(chain.locator('[data-rule="1"]')).toContainText('-d 127.0.0.0/8 -j RETURN');

	const more = chain.locator('[data-hook="more-rules"]');
	const before = Date.now();
	await more.click();
	await expect(chain.locator('[data-rule]')).toHaveCount(600);
	const expanded = Date.now() - before;
	console.log(
		`8,453-rule set: structure shown ${shown} ms after the text was set; 500 more rules in ${expanded} ms`
	);

	await structure.screenshot({ path: 'test-results/structure-big.png' });
});

test('clicking a rule shows its line in the editor', async ({ page }) => {
	await page.goto('/');
	const row = page.locator(
		'[data-hook="structure"] [data-table="filter"] [data-chain="INPUT"] [data-rule="4"]'
	);
	await expect(row).toContainText('--dport 22', { timeout: 20_000 });
	const active = page.locator('.cm-activeLine');
	await expect(async () => {
		await row.click();
		await expect(active).toContainText('-A INPUT -i r-eth0 -p tcp -m tcp --dport 22 -j ACCEPT', {
			timeout: 1_000
		});
	}).toPass({ timeout: 15_000 });
});
