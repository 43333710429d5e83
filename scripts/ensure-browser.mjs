#!/usr/bin/env node
// Makes sure the browser tests have a Chromium: Playwright's own, or Debian's, which it installs
// when it can (root on a machine with apt-get). Runs before `playwright test`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const systemChromium = '/usr/bin/chromium';

const haveBrowser = () => existsSync(chromium.executablePath()) || existsSync(systemChromium);

const hasAptGet = () =>
	spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;

if (!haveBrowser()) {
	if (process.getuid?.() === 0 && hasAptGet()) {
		console.log(`No Chromium found; installing Debian's chromium with apt-get.`);
		const install = spawnSync(
			'sh',
			['-c', 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium'],
			{ stdio: 'inherit' }
		);
		if (install.status !== 0 || !existsSync(systemChromium)) {
			console.error(`apt-get could not install chromium (exit ${install.status}).`);
			process.exit(1);
		}
	} else {
		console.error(
			'No browser for the browser tests. Run: npx playwright install chromium   (or, as root on Debian: apt-get install -y chromium)'
		);
		process.exit(1);
	}
}
