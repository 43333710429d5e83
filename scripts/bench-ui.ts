/**
 * The visualizer in headless Chromium (`npm run bench:ui`): the time from opening a scenario file
 * on the start page to an interactive diagram, and the frame times while it plays, for the
 * home-router example and for a scenario built here around the 8,453-rule gfw-list file in
 * ../shared/corpus/real (read at run time, never copied into the repository). Prints figures; it
 * is not a test.
 *
 *   npm run bench:ui
 *
 * Builds the site when build/ is missing or older than the sources, and serves build/ with
 * `vite preview` on a free port.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
	existsSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type Page } from '@playwright/test';
import { walkScenario, type Walk } from '../src/lib/app/walk';
import { parseRuleset } from '../src/lib/engine/index';
import type { Cidr } from '../src/lib/engine/model';
import { formatIPv4 } from '../src/lib/engine/parse/values';
import type { HostJson, PacketJson } from '../src/lib/scenario/index';
import { fateKind } from '../src/lib/viz/model/frames';

const ROOT = join(import.meta.dirname, '..');
const BIG = join(ROOT, '../shared/corpus/real/github-vssblt-gfw-list-ssredir.rules');
const PLAY_MS = 5_000;
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

/** Newest modification time under `path` (a file or a folder), in ms. */
function newest(path: string): number {
	if (!existsSync(path)) return 0;
	const st = statSync(path);
	if (!st.isDirectory()) return st.mtimeMs;
	return readdirSync(path).reduce((t, f) => Math.max(t, newest(join(path, f))), st.mtimeMs);
}

function buildIfNeeded(): void {
	const built = join(ROOT, 'build/index.html');
	const sources = Math.max(
		newest(join(ROOT, 'src')),
		newest(join(ROOT, 'static')),
		newest(join(ROOT, 'svelte.config.js')),
		newest(join(ROOT, 'vite.config.ts'))
	);
	if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
	console.log('Building the site (npm run build) …');
	const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
	if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status})`);
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => resolve(port));
		});
	});
}

async function serve(): Promise<{ url: string; server: ChildProcess }> {
	const port = await freePort();
	const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
	const server = spawn(
		process.execPath,
		[vite, 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
		{ cwd: ROOT, stdio: 'ignore' }
	);
	const url = `http://127.0.0.1:${port}`;
	for (let t = 0; t < 150; t++) {
		try {
			if ((await fetch(`${url}/`)).ok) return { url, server };
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	server.kill();
	throw new Error(`vite preview did not answer on ${url}`);
}

/**
 * A scenario around a real rule set: a host with the interfaces the rules name (eth0 when they name
 * none) and a default route, sockets for ss-redir's port, and local packets that walk nat OUTPUT's
 * whole SS_REDIR list (8.8.4.4:443 and 8.8.8.8:53 are in no listed network, so they reach the
 * REDIRECT at its end) and one that stops at the last RETURN with a destination.
 */
function bigScenario(rules: string): string {
	const { ruleset } = parseRuleset(rules);
	const names = new Set<string>();
	let lastReturn: Cidr | null = null;
	let depth = 0;
	for (const t of ruleset.tables)
		for (const c of t.chains)
			c.rules.forEach((r, i) => {
				for (const x of [r.inInterface, r.outInterface])
					if (x && x.value !== 'lo' && !x.value.endsWith('+')) names.add(x.value);
				const isReturn = r.target?.type === 'verdict' && r.target.verdict === 'RETURN';
				if (isReturn && r.destination && !r.destination.inverted && i >= depth) {
					lastReturn = r.destination.value;
					depth = i;
				}
			});
	const ifaces = names.size ? [...names].slice(0, 3) : ['eth0'];
	const host: HostJson = {
		interfaces: ifaces.map((name, k) => ({ name, addresses: [`10.${100 + k}.0.1/24`] })),
		routes: [{ to: 'default', via: '10.100.0.254' }],
		listening: [
			{ proto: 'tcp', port: 1180 },
			{ proto: 'udp', port: 1180 }
		]
	};
	const packets: PacketJson[] = [
		{ from: 'local', proto: 'tcp', sport: 40000, dst: '8.8.4.4', dport: 443, flags: ['SYN'] },
		{ from: 'local', proto: 'udp', sport: 40001, dst: '8.8.8.8', dport: 53 }
	];
	const ret = lastReturn as Cidr | null;
	if (ret) {
		const dst = formatIPv4(ret.mask === 0xffffffff ? ret.address : (ret.address + 1) >>> 0);
		packets.push({ from: 'local', proto: 'tcp', sport: 40002, dst, dport: 80, flags: ['SYN'] });
	}
	return JSON.stringify({
		nfwalk: 1,
		title: 'gfw-list ss-redir: 8,453 rules in nat OUTPUT',
		description: 'A benchmark scenario built by scripts/bench-ui.ts from ../shared/corpus/real.',
		host,
		rules,
		packets
	});
}

/** What the engine makes of a scenario, for the report: frames, packets and their fates. */
function summary(text: string): string {
	const r = walkScenario(text);
	if (!r.ok) return `does not load: ${r.diagnostics[0]?.message}`;
	const w = r.walk;
	const rules = w.ruleset.tables.reduce(
		(n, t) => n + t.chains.reduce((m, c) => m + c.rules.length, 0),
		0
	);
	const deepest = Math.max(0, ...w.frames.map((f) => f.rule ?? 0));
	const fates = w.trace.packets.map((p) => `${p.id} ${fateKind(p, w.trace)}`).join(', ');
	return `${rules.toLocaleString('en-US')} rules, ${w.frames.length} frames, deepest rule ${deepest}; ${fates}`;
}

const pct = (xs: number[], p: number) =>
	xs.length
		? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]
		: NaN;
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** What ~5 s of play gave, at one speed. */
interface Play {
	speed: number;
	steps: number;
	/** requestAnimationFrame intervals: bound below by the display's 16.7 ms, a dropped frame doubles one. */
	intervals: number[];
	/** Per frame, from a rAF callback to the first task after that frame's rendering. */
	work: number[];
	/** Longest main-thread task during the play (the long-task API reports ≥ 50 ms only). */
	longestTask: number;
}

interface Result {
	token: number;
	interactive: number;
	longestTask: number;
	plays: Play[];
}

/** The player's frame index (0-based, over all packets) from its data-packet and data-step. */
async function frameOf(page: Page, walk: Walk): Promise<number> {
	const at = await page.evaluate(() => {
		const root = document.querySelector('[data-packet][data-step]');
		return { packet: root?.getAttribute('data-packet'), step: root?.getAttribute('data-step') };
	});
	const k = walk.trace.packets.findIndex((p) => p.id === at.packet);
	return k < 0 ? NaN : walk.packetStarts[k] + Number(at.step) - 1;
}

/** The player shows `want` (a packet id and a 1-based step). */
const isAt = (page: Page, want: { packet: string; step: string }) =>
	page.evaluate((w) => {
		const root = document.querySelector('[data-packet][data-step]');
		return (
			root?.getAttribute('data-packet') === w.packet && root?.getAttribute('data-step') === w.step
		);
	}, want);

/** Starts collecting long tasks in the page; `longest` reads and resets the maximum. */
const watchLongTasks = (page: Page) =>
	page.evaluate(() => {
		const w = window as unknown as { __longest: number };
		w.__longest = 0;
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
		}).observe({ type: 'longtask', buffered: false });
	});
const longest = (page: Page) =>
	page.evaluate(() => {
		const w = window as unknown as { __longest: number };
		const x = w.__longest;
		w.__longest = 0;
		return x;
	});

const blur = (page: Page) =>
	page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur?.());

/** Plays from the first frame at `speed` for PLAY_MS, collecting frame times in the page. */
async function play(page: Page, walk: Walk, speed: number): Promise<Play> {
	await page
		.locator('[data-hook="speed"]')
		.selectOption(String(speed), { timeout: 2_000 })
		.catch(() => undefined);
	await blur(page);
	await page.keyboard.press('Home');
	await longest(page);
	await page.keyboard.press('Space');
	const { intervals, work } = await page.evaluate(
		(span) =>
			new Promise<{ intervals: number[]; work: number[] }>((resolve) => {
				const intervals: number[] = [];
				const work: number[] = [];
				const channel = new MessageChannel();
				let began = 0;
				let first = -1;
				let prev = -1;
				// A message posted from a rAF callback runs as the next task, once the frame's
				// style, layout and paint are done.
				channel.port1.onmessage = () => work.push(performance.now() - began);
				const tick = (t: number) => {
					if (prev >= 0) intervals.push(t - prev);
					if (first < 0) first = t;
					prev = t;
					began = performance.now();
					channel.port2.postMessage(0);
					if (t - first < span) requestAnimationFrame(tick);
					else setTimeout(() => resolve({ intervals, work }), 50);
				};
				requestAnimationFrame(tick);
			}),
		PLAY_MS
	);
	const steps = await frameOf(page, walk);
	await page.keyboard.press('Space');
	return { speed, steps, intervals, work, longestTask: await longest(page) };
}

async function measure(browser: Browser, url: string, file: string): Promise<Result> {
	const walked = walkScenario(readFileSync(file, 'utf8'));
	if (!walked.ok) throw new Error(`${file} does not load`);
	const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
	// tsx compiles this file with esbuild's keepNames, which wraps named functions in __name(…);
	// the functions handed to page.evaluate run in the page, where __name does not exist.
	await context.addInitScript('globalThis.__name ??= (f) => f');
	const page = await context.newPage();
	try {
		await page.goto(`${url}/`);
		await page.waitForLoadState('networkidle');
		const input = page.locator('input[type=file][data-hook="open-scenario"]');
		await input.waitFor({ state: 'attached', timeout: 10_000 });
		const walk = walked.walk;
		const at = (i: number) => ({
			packet: walk.trace.packets[walk.frames[i].packet].id,
			step: String(walk.frames[i].index)
		});
		// The start page may already show an example in the same first frame (packet 1, step 1) the
		// file will open at: move that player to its end first, so the first frame means the file.
		await page
			.locator('[data-packet][data-step]')
			.waitFor({ state: 'attached', timeout: 5_000 })
			.catch(() => undefined);
		for (let t = 0; t < 50 && (await isAt(page, at(0))); t++) {
			await page.keyboard.press('End');
			await page.waitForTimeout(100);
		}
		// Long main-thread tasks while the file opens: a freeze shows here.
		await watchLongTasks(page);

		const t0 = performance.now();
		await input.setInputFiles(file);
		await page.waitForFunction(
			(want) => {
				const root = document.querySelector('[data-packet][data-step]');
				return (
					document.querySelector('[data-token]') !== null &&
					root?.getAttribute('data-packet') === want.packet &&
					root?.getAttribute('data-step') === want.step
				);
			},
			at(0),
			{ timeout: 120_000, polling: 'raf' }
		);
		const token = performance.now() - t0;
		await blur(page);
		await page.keyboard.press('ArrowRight');
		await page.waitForFunction(
			(want) => {
				const root = document.querySelector('[data-packet][data-step]');
				return (
					root?.getAttribute('data-packet') === want.packet &&
					root?.getAttribute('data-step') === want.step
				);
			},
			at(1),
			{ timeout: 60_000, polling: 'raf' }
		);
		const interactive = performance.now() - t0;
		const longestTask = await longest(page);

		const speeds = await page
			.locator('[data-hook="speed"] option')
			.evaluateAll((os) => os.map((o) => Number((o as HTMLOptionElement).value)));
		const fastest = Math.max(1, ...speeds.filter(Number.isFinite));
		const plays = [await play(page, walk, 1)];
		if (fastest > 1) plays.push(await play(page, walk, fastest));
		return { token, interactive, longestTask, plays };
	} finally {
		await context.close();
	}
}

const task = (x: number) => (x > 0 ? ms(x) : 'none ≥ 50 ms');

function report(name: string, r: Result): void {
	console.log(`${name}:`);
	console.log(
		`  open → diagram drawn ${ms(r.token)}; → interactive (a key moves data-step) ${ms(r.interactive)}; longest main-thread task ${task(r.longestTask)}`
	);
	for (const p of r.plays) {
		const f = p.intervals;
		console.log(
			`  playing ${PLAY_MS / 1000} s at ${p.speed}× (${p.steps} steps): rAF interval p95 ${ms(pct(f, 0.95))} (median ${ms(pct(f, 0.5))}, max ${ms(Math.max(...f))}, ${f.filter((x) => x > 25).length} of ${f.length} frames over 25 ms); frame work p95 ${ms(pct(p.work, 0.95))} (max ${ms(Math.max(...p.work))}); longest task ${task(p.longestTask)}`
		);
	}
}

async function main(): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'nfwalk-bench-ui-'));
	let server: ChildProcess | null = null;
	let browser: Browser | null = null;
	try {
		const cases: { name: string; file: string }[] = [
			{ name: 'home-router', file: join(ROOT, 'rules-examples/home-router.json') }
		];
		if (existsSync(BIG)) {
			const file = join(dir, 'gfw-list-ssredir.json');
			writeFileSync(file, bigScenario(readFileSync(BIG, 'utf8')));
			cases.push({ name: 'gfw-list-ssredir', file });
		} else {
			console.log(`Skipping the 8,453-rule scenario: ${BIG} is absent (../shared not mounted).`);
		}
		for (const c of cases) console.log(`${c.name}: ${summary(readFileSync(c.file, 'utf8'))}`);

		buildIfNeeded();
		const served = await serve();
		server = served.server;
		browser = await chromium.launch({
			executablePath: existsSync(CHROMIUM) ? CHROMIUM : undefined,
			args: CHROMIUM_ARGS
		});
		console.log(`Chromium ${browser.version()}, headless, 1280×720, ${served.url}`);
		for (const c of cases) {
			try {
				report(c.name, await measure(browser, served.url, c.file));
			} catch (e) {
				console.log(`${c.name}: could not measure: ${(e as Error).message.split('\n')[0]}`);
				process.exitCode = 1;
			}
		}
	} finally {
		await browser?.close();
		server?.kill();
		rmSync(dir, { recursive: true, force: true });
	}
}

await main();
