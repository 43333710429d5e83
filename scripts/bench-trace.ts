/**
 * Packets per second through large rule sets (`npm run bench:trace`), and the time one packet
 * takes to walk ~5,000 rules of one chain: the last service of a 50,000-rule kube-proxy dump.
 * The engine is bundled by esbuild as the browser gets it. Goal: ≤ 40 µs median for that packet.
 */
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKubeDump } from './gen-kube-dump';
import type * as Engine from '../src/lib/engine/sim/bench-entry';

const RUNS = 2000;

async function loadEngine(dir: string): Promise<typeof Engine> {
	const outfile = join(dir, 'engine.mjs');
	await build({
		entryPoints: [join(import.meta.dirname, '../src/lib/engine/sim/bench-entry.ts')],
		bundle: true,
		format: 'esm',
		platform: 'neutral',
		outfile,
		logLevel: 'error'
	});
	return (await import(outfile)) as typeof Engine;
}

const ip = (s: string) => s.split('.').reduce((n, b) => n * 256 + Number(b), 0) >>> 0;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function benchHost(engine: typeof Engine) {
	return engine.hostFor(
		[
			{ name: 'eth0', address: '10.0.1.1', prefix: 24 },
			{ name: 'eth1', address: '192.168.7.1', prefix: 24 }
		],
		'192.168.7.254',
		'eth1'
	);
}

function measure(
	engine: typeof Engine,
	name: string,
	rules: string,
	packet: (i: number) => Engine.ScenarioPacket
) {
	const { ruleset, diagnostics } = engine.parseRuleset(rules);
	const errors = diagnostics.filter((d) => d.severity === 'error').length;
	const t0 = performance.now();
	const sim = new engine.Simulation(benchHost(engine), ruleset);
	const compileMs = performance.now() - t0;
	const times: number[] = [];
	let steps = 0;
	let fate = '';
	for (let i = 0; i < RUNS; i++) {
		const t = performance.now();
		const traces = sim.runPacket(packet(i), i + 1);
		times.push(performance.now() - t);
		steps = traces[0].steps.length;
		fate = JSON.stringify(traces[0].fate);
	}
	const med = median(times.slice(RUNS / 10)) * 1000;
	console.log(
		`${name}: ${errors} parse errors; compile ${compileMs.toFixed(0)} ms; per packet median ${med.toFixed(1)} µs (${Math.round(1e6 / med).toLocaleString('en-US')} packets/s), ${steps} trace steps, fate ${fate}`
	);
	return med;
}

/**
 * One TCP connection of 1,000 packets through the home router's port forward (rules-examples/
 * home-router.json): handshake, 994 data segments alternating direction, FIN both ways. Every
 * packet is looked up in conntrack and translated by NAT (the first through the nat chains).
 */
function homeRouterConnection(engine: typeof Engine): void {
	const base = JSON.parse(
		readFileSync(join(import.meta.dirname, '../rules-examples/home-router.json'), 'utf8')
	);
	const [syn, synAck, ack, data, answer, fin, finBack, lastAck] = base.packets;
	const packets = [syn, synAck, ack];
	for (let i = 0; i < 994; i++) packets.push(i % 2 === 0 ? data : answer);
	packets.push(fin, finBack, lastAck);
	const text = JSON.stringify({
		...base,
		packets: packets.map((p, i) => ({ ...p, time: i * 0.001 }))
	});
	const scenario = engine.parseScenario(text);
	const { ruleset } = engine.parseRuleset(scenario.scenario!.rules);
	const times: number[] = [];
	let fates = '';
	for (let run = 0; run < 30; run++) {
		const t = performance.now();
		const sim = new engine.Simulation(scenario.host!, ruleset);
		const traces = scenario.packets.flatMap((sp, n) => sim.runPacket(sp, n + 1));
		times.push(performance.now() - t);
		fates = `${traces.filter((x) => x.fate.type === 'sent').length}/${traces.length} sent`;
	}
	const ms = median(times.slice(5));
	console.log(
		`home router, one TCP connection of ${packets.length} packets through the port forward (conntrack + NAT): median ${ms.toFixed(1)} ms per connection, ${Math.round((packets.length * 1000) / ms).toLocaleString('en-US')} packets/s, ${fates}`
	);
}

const dir = mkdtempSync(join(tmpdir(), 'nfwalk-bench-trace-'));
try {
	const engine = await loadEngine(dir);
	const kube = generateKubeDump(50_000);
	const { ruleset } = engine.parseRuleset(kube);
	const last = engine.lastService(ruleset);
	console.log(
		`kube dump: 50,000 rules; last service ${last.address}:${last.port}/${last.proto} at rule ${last.position} of nat KUBE-SERVICES`
	);
	const med = measure(engine, 'kube-proxy 50,000 rules, SYN to the last service', kube, (i) =>
		engine.wirePacket('eth0', last.proto, '10.0.1.2', 20000 + (i % 40000), last.address, last.port)
	);
	console.log(`target ≤ 40 µs: ${med <= 40 ? 'met' : 'NOT met'} (${med.toFixed(1)} µs)`);
	const corpus = join(
		import.meta.dirname,
		'../../shared/corpus/real/github-vssblt-gfw-list-ssredir.rules'
	);
	if (existsSync(corpus)) {
		measure(
			engine,
			'largest corpus file (8,453 rules), local TCP to 8.8.4.4',
			readFileSync(corpus, 'utf8'),
			(i) => ({
				from: 'local',
				packet: {
					...engine.wirePacket('eth0', 'tcp', '0.0.0.0', 30000 + (i % 30000), '8.8.4.4', 443)
						.packet,
					src: 0
				}
			})
		);
	} else console.log('largest corpus file: skipped, ../shared not found');
	homeRouterConnection(engine);
} finally {
	rmSync(dir, { recursive: true, force: true });
}
void ip;
