/**
 * Parse speed on a 50,000-rule kube-proxy dump: nfwalk's parseRuleset in this process, then
 * `iptables-legacy-restore --test` on the same file inside a throwaway network namespace.
 *   npm run bench:parse [-- RULES]
 * The namespace keeps the host's own rules out of reach: --test should not commit, but a benchmark
 * must not bet the machine's firewall on that.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import type { parseRuleset as ParseRuleset } from '../src/lib/engine/index';
import { generateKubeDump } from './gen-kube-dump';

const RULES = Number(process.argv[2] ?? 50_000);
const NFWALK_WARMUPS = 2;
const NFWALK_RUNS = 5;
const KERNEL_RUNS = 3;

/**
 * The engine as the browser and a built CLI run it: bundled by esbuild, without tsx's
 * development wrappers (which keep function names and cost about 15 % here).
 */
async function loadEngine(dir: string): Promise<typeof ParseRuleset> {
	const outfile = join(dir, 'engine.mjs');
	await build({
		entryPoints: [join(import.meta.dirname, '../src/lib/engine/index.ts')],
		bundle: true,
		format: 'esm',
		platform: 'neutral',
		outfile,
		logLevel: 'error'
	});
	return ((await import(outfile)) as { parseRuleset: typeof ParseRuleset }).parseRuleset;
}

let parseRuleset: typeof ParseRuleset;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(1)} ms`;
const perSecond = (x: number) =>
	`${Math.round(RULES / (x / 1000)).toLocaleString('en-US')} rules/s`;

function timeNfwalk(text: string): number {
	const runs: number[] = [];
	for (let i = 0; i < NFWALK_WARMUPS + NFWALK_RUNS; i++) {
		const t0 = performance.now();
		parseRuleset(text);
		const t = performance.now() - t0;
		if (i >= NFWALK_WARMUPS) runs.push(t);
	}
	return median(runs);
}

function reportDiagnostics(text: string): void {
	const { diagnostics } = parseRuleset(text);
	const byCode = new Map<string, number>();
	let errors = 0;
	for (const d of diagnostics) {
		if (d.severity === 'error') errors++;
		const key = `${d.severity} ${d.code}`;
		byCode.set(key, (byCode.get(key) ?? 0) + 1);
	}
	console.log(`nfwalk diagnostics: ${errors} errors, ${diagnostics.length - errors} warnings`);
	for (const [key, count] of [...byCode].sort((a, b) => b[1] - a[1]))
		console.log(`  ${count} × ${key}`);
	if (errors > 0)
		console.log(
			'  NOTE: the dump is valid for iptables-legacy-restore, so every error above is an nfwalk gap'
		);
}

class Interrupted extends Error {
	constructor(signal: string) {
		super(`interrupted by ${signal}; the network namespace was deleted`);
	}
}

function has(cmd: string): boolean {
	return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Why the kernel half cannot run here, or null when it can. */
function kernelSkipReason(): string | null {
	if (process.getuid?.() !== 0) return 'not running as root (network namespaces need it)';
	if (!has('ip')) return '`ip` (iproute2) is not installed';
	if (!has('iptables-legacy-restore'))
		return 'iptables-legacy-restore is not installed (Debian package iptables)';
	return null;
}

function run(
	args: string[],
	stdinFile?: string
): { status: number | null; signal: NodeJS.Signals | null; stderr: string } {
	const fd = stdinFile ? openSync(stdinFile, 'r') : 'ignore';
	try {
		const r = spawnSync(args[0], args.slice(1), {
			stdio: [fd, 'ignore', 'pipe'],
			encoding: 'utf8'
		});
		return { status: r.status, signal: r.signal, stderr: r.stderr ?? String(r.error ?? '') };
	} finally {
		if (typeof fd === 'number') closeSync(fd);
	}
}

/** Median wall time of `iptables-legacy-restore --test < file` in a fresh namespace, and of an empty exec there. */
function timeKernel(file: string): { restore: number; baseline: number } {
	const ns = `nfwalk-bench-${process.pid}`;
	const cleanup = () => run(['ip', 'netns', 'del', ns]);
	const onSignal = () => {
		cleanup();
		process.exit(130);
	};
	const added = run(['ip', 'netns', 'add', ns]);
	if (added.status !== 0) throw new Error(`ip netns add ${ns} failed: ${added.stderr.trim()}`);
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	try {
		const timed = (args: string[], stdin?: string) => {
			const t0 = performance.now();
			const r = run(['ip', 'netns', 'exec', ns, ...args], stdin);
			const t = performance.now() - t0;
			// Ctrl-C reaches the child too (same process group); it dies by the signal, we clean up.
			if (r.signal) throw new Interrupted(r.signal);
			if (r.status !== 0)
				throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.trim()}`);
			return t;
		};
		timed(['iptables-legacy-restore', '--test'], file); // warm the page cache and load modules
		const restore = median(
			Array.from({ length: KERNEL_RUNS }, () => timed(['iptables-legacy-restore', '--test'], file))
		);
		const baseline = median(Array.from({ length: KERNEL_RUNS }, () => timed(['true'])));
		return { restore, baseline };
	} finally {
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		cleanup();
	}
}

const dir = mkdtempSync(join(tmpdir(), 'nfwalk-bench-'));
try {
	const text = generateKubeDump(RULES);
	const file = join(dir, 'kube.rules');
	writeFileSync(file, text);
	console.log(
		`dump: ${RULES.toLocaleString('en-US')} rules, ${(text.length / 1e6).toFixed(1)} MB (${file})`
	);

	parseRuleset = await loadEngine(dir);
	const nfwalk = timeNfwalk(text);
	console.log(
		`nfwalk parseRuleset (engine bundled by esbuild): median ${ms(nfwalk)} of ${NFWALK_RUNS} runs after ${NFWALK_WARMUPS} warm-ups, ${perSecond(nfwalk)}`
	);
	reportDiagnostics(text);

	const skip = kernelSkipReason();
	if (skip) {
		console.log(`iptables-legacy-restore --test: skipped, ${skip}`);
	} else {
		const { restore, baseline } = timeKernel(file);
		console.log(
			`iptables-legacy-restore --test: median ${ms(restore)} of ${KERNEL_RUNS} runs (process start included; \`ip netns exec true\` alone takes ${ms(baseline)}), ${perSecond(restore)}`
		);
		const ratio = restore / nfwalk;
		const verdict =
			ratio >= 1 ? 'nfwalk faster' : `iptables-legacy-restore ${(1 / ratio).toFixed(1)}x faster`;
		console.log(
			`ratio: iptables-legacy-restore --test / nfwalk = ${ratio.toFixed(2)}x (${verdict})`
		);
	}
} catch (e) {
	console.error(`bench-parse: ${(e as Error).message}`);
	process.exitCode = e instanceof Interrupted ? 130 : 1;
} finally {
	rmSync(dir, { recursive: true, force: true });
}
