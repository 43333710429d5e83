/**
 * Long fuzz runs, outside `npm test`:
 *   npm run fuzz -- [--runs N] [--seed S] [--target parser|scenario|simulate|all] [--budget-ms MS]
 * Runs the targets of tests/property/gen/targets.ts on N generated inputs each (default: 1,000,000
 * for the parser, 100,000 for the others) and prints runs, exceptions, hangs, invariant
 * violations and the time taken. Input `i` is drawn from seed `S` and `i` alone, so any run can be
 * drawn again. An input slower than the budget (2 s) is a hang; one that never returns is caught
 * by a watchdog that stops the worker thread running the inputs and starts another after it.
 * Every failing input is saved to tests/fuzz-regressions/, shrunk when fast-check can shrink it;
 * tests/property/regressions.spec.ts replays them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import {
	parserCase,
	parserCaseText,
	scenarioCase,
	type ParserCase
} from '../tests/property/gen/parser-inputs';
import { planScenario, scenarioPlan, type ScenarioPlan } from '../tests/property/gen/scenarios';
import {
	checkParser,
	checkScenarioText,
	checkSimulation,
	corpusLines,
	ROOT,
	scenarioLines,
	type Outcome,
	type TargetName
} from '../tests/property/gen/targets';

const DEFAULT_RUNS: Record<TargetName, number> = {
	parser: 1_000_000,
	scenario: 100_000,
	simulate: 100_000
};
const REGRESSIONS = join(ROOT, 'tests/fuzz-regressions');
/** A worker that has not finished an input for this long is stopped and the input called a hang. */
const WATCHDOG_MS = 30_000;

/** One target: how to draw input `i`, what text to save for it, and how to check it. */
interface Target<V> {
	arbitrary: fc.Arbitrary<V>;
	/** The input as saved and replayed: rule-set text, scenario text, or the scenario as JSON. */
	input(v: V): string;
	check(v: V): Outcome;
}

function target(name: TargetName): Target<unknown> {
	if (name === 'parser') {
		const files = corpusLines();
		if (!files.length) console.warn('../shared not found: the parser gets no corpus mutants');
		return {
			arbitrary: parserCase(files),
			input: (v) => parserCaseText(files, v as ParserCase),
			check: (v) => checkParser(parserCaseText(files, v as ParserCase))
		} as Target<unknown>;
	}
	if (name === 'scenario') {
		const files = scenarioLines();
		return {
			arbitrary: scenarioCase(),
			input: (v) => parserCaseText(files, v as ParserCase),
			check: (v) => checkScenarioText(parserCaseText(files, v as ParserCase))
		} as Target<unknown>;
	}
	return {
		arbitrary: scenarioPlan(),
		input: (v) => JSON.stringify(planScenario(v as ScenarioPlan), null, '\t'),
		check: (v) => checkSimulation(planScenario(v as ScenarioPlan))
	} as Target<unknown>;
}

/** The seed input `i` is drawn with: a 32-bit mix of the run's seed and `i`. */
function inputSeed(seed: number, i: number): number {
	let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ i;
	h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
	h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
	return (h ^ (h >>> 16)) | 0;
}

function draw<V>(t: Target<V>, seed: number, i: number): V {
	return fc.sample(t.arbitrary, { seed: inputSeed(seed, i), numRuns: 1 })[0];
}

type Kind = 'exception' | 'hang' | 'violation';

interface Failure {
	kind: Kind;
	index: number;
	detail: string;
	input: string;
	ms: number;
}

interface WorkerJob {
	target: TargetName;
	seed: number;
	from: number;
	to: number;
	budgetMs: number;
	/** [0]: the input being run, [1]: inputs finished, [2]: inputs skipped. */
	progress: SharedArrayBuffer;
}

/** The failing value made smaller while it still fails the same way, when fast-check can. */
function shrink<V>(t: Target<V>, value: V, kind: Kind): V {
	const fails = (v: V) => {
		try {
			return kind === 'violation' && t.check(v).problems.length > 0;
		} catch {
			return kind === 'exception';
		}
	};
	const r = fc.check(
		fc.property(t.arbitrary, (v) => !fails(v)),
		{ examples: [[value]], numRuns: 1, seed: 1, endOnFailure: false }
	);
	return r.failed && r.counterexample ? r.counterexample[0] : value;
}

/** What is wrong with `value`, said as a failure's detail. */
function describe<V>(t: Target<V>, value: V): string | null {
	try {
		const problems = t.check(value).problems;
		return problems.length ? problems.slice(0, 5).join('\n') : null;
	} catch (e) {
		return (e as Error)?.stack ?? String(e);
	}
}

function runWorker(job: WorkerJob): void {
	const t = target(job.target);
	const progress = new Int32Array(job.progress);
	for (let i = job.from; i < job.to; i++) {
		Atomics.store(progress, 0, i);
		const value = draw(t, job.seed, i);
		const started = performance.now();
		let failure: Omit<Failure, 'input' | 'ms'> | null = null;
		try {
			const outcome = t.check(value);
			if (outcome.skipped) Atomics.add(progress, 2, 1);
			if (outcome.problems.length)
				failure = { kind: 'violation', index: i, detail: outcome.problems.slice(0, 5).join('\n') };
		} catch (e) {
			failure = { kind: 'exception', index: i, detail: (e as Error)?.stack ?? String(e) };
		}
		const ms = performance.now() - started;
		if (!failure && ms > job.budgetMs)
			failure = { kind: 'hang', index: i, detail: `took ${Math.round(ms)} ms` };
		if (failure) {
			const small = failure.kind === 'hang' ? value : shrink(t, value, failure.kind);
			if (small !== value) failure.detail = describe(t, small) ?? failure.detail;
			parentPort!.postMessage({ ...failure, input: t.input(small), ms } satisfies Failure);
		}
		Atomics.add(progress, 1, 1);
	}
}

function save(name: TargetName, seed: number, f: Failure): string {
	mkdirSync(REGRESSIONS, { recursive: true });
	const file = join(REGRESSIONS, `${name}-${f.kind}-${seed}-${f.index}.json`);
	const record = {
		target: name,
		kind: f.kind,
		seed,
		index: f.index,
		detail: f.detail,
		input: f.input
	};
	writeFileSync(file, JSON.stringify(record, null, '\t') + '\n');
	return file;
}

interface Tally {
	runs: number;
	skipped: number;
	exception: number;
	hang: number;
	violation: number;
	slowestMs: number;
}

/** Runs inputs from..to in worker threads, one at a time, restarting after a hard hang. */
async function fuzz(
	name: TargetName,
	runs: number,
	seed: number,
	budgetMs: number
): Promise<Tally> {
	const tally: Tally = { runs: 0, skipped: 0, exception: 0, hang: 0, violation: 0, slowestMs: 0 };
	let from = 0;
	const started = performance.now();
	let lastReport = started;
	while (from < runs) {
		const progress = new SharedArrayBuffer(12);
		const counts = new Int32Array(progress);
		const job: WorkerJob = { target: name, seed, from, to: runs, budgetMs, progress };
		// The worker runs this file again, TypeScript and all: tsx's loader is not inherited by workers.
		const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
		const worker = new Worker(boot, { eval: true, workerData: job });
		worker.on('message', (f: Failure) => {
			tally[f.kind]++;
			tally.slowestMs = Math.max(tally.slowestMs, f.ms);
			console.log(
				`✗ ${name} #${f.index}: ${f.kind}: ${f.detail.split('\n')[0]} → ${save(name, seed, f)}`
			);
		});
		const stuckAt = await new Promise<number | null>((resolve) => {
			let seen = -1;
			let since = performance.now();
			const timer = setInterval(() => {
				const now = performance.now();
				const current = Atomics.load(counts, 1);
				if (current !== seen) {
					seen = current;
					since = now;
				} else if (now - since > WATCHDOG_MS) {
					clearInterval(timer);
					void worker.terminate();
					resolve(Atomics.load(counts, 0));
				}
				if (now - lastReport > 60_000) {
					lastReport = now;
					const done = from + current;
					console.log(
						`… ${name}: ${done.toLocaleString('en')} runs, ${Math.round((now - started) / 1000)} s`
					);
				}
			}, 500);
			worker.on('exit', () => {
				clearInterval(timer);
				resolve(null);
			});
			worker.on('error', (e) => console.log(`worker error: ${e.stack ?? e}`));
		});
		tally.runs += Atomics.load(counts, 1);
		tally.skipped += Atomics.load(counts, 2);
		if (stuckAt === null) {
			if (from + Atomics.load(counts, 1) < runs)
				throw new Error(`the ${name} worker stopped early`);
			break;
		}
		// The worker never came back from input `stuckAt`: draw it here to save it, and go on after it.
		const t = target(name);
		const f: Failure = {
			kind: 'hang',
			index: stuckAt,
			detail: `did not finish within ${WATCHDOG_MS / 1000} s`,
			input: t.input(draw(t, seed, stuckAt)),
			ms: WATCHDOG_MS
		};
		tally.hang++;
		tally.runs++;
		console.log(`✗ ${name} #${stuckAt}: hang: ${f.detail} → ${save(name, seed, f)}`);
		from = stuckAt + 1;
	}
	return tally;
}

/** A whole number from the command line, or exit 2 saying which option was wrong. */
function whole(option: string, text: string): number {
	const n = Number(text);
	if (Number.isInteger(n) && n >= 0) return n;
	console.error(`${option} takes a whole number, not "${text}"`);
	process.exit(2);
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			runs: { type: 'string' },
			seed: { type: 'string', default: '1' },
			target: { type: 'string', default: 'all' },
			'budget-ms': { type: 'string', default: '2000' }
		}
	});
	const names: TargetName[] =
		values.target === 'all' ? ['parser', 'scenario', 'simulate'] : [values.target as TargetName];
	if (!names.every((n) => n in DEFAULT_RUNS)) {
		console.error(`--target takes parser, scenario, simulate or all, not ${values.target}`);
		process.exit(2);
	}
	const seed = whole('--seed', values.seed);
	const budgetMs = whole('--budget-ms', values['budget-ms']);
	const asked = values.runs === undefined ? null : whole('--runs', values.runs);
	let failed = false;
	for (const name of names) {
		const runs = asked ?? DEFAULT_RUNS[name];
		const started = performance.now();
		const t = await fuzz(name, runs, seed, budgetMs);
		const seconds = (performance.now() - started) / 1000;
		console.log(
			`${name}: ${t.runs.toLocaleString('en')} runs (seed ${seed}), ${t.exception} exceptions, ${t.hang} hangs (> ${budgetMs} ms), ${t.violation} invariant violations${t.skipped ? `, ${t.skipped.toLocaleString('en')} skipped (rules with errors)` : ''}; ${seconds.toFixed(1)} s, ${((seconds * 1e6) / Math.max(1, t.runs)).toFixed(0)} µs per run`
		);
		failed ||= t.exception + t.hang + t.violation > 0;
	}
	process.exit(failed ? 1 : 0);
}

if (isMainThread) await main();
else runWorker(workerData as WorkerJob);
