/**
 * The CLI, driven in-process through `main(argv, io)` with captured streams, plus one real
 * subprocess through bin/nfwalk.js to prove the wiring.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { Io } from '../../src/cli/io';

const FIXTURES: Record<string, string> = {
	good: '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n',
	// Line 3, `-j` starts at column 10: "-A INPUT " is nine characters.
	bad: '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j NOPE\nCOMMIT\n',
	// A chain line without a policy is accepted with a warning.
	warn: '*filter\n:INPUT\n-A INPUT -j ACCEPT\nCOMMIT\n',
	// The error on line 12 checks the code frame's two-digit gutter.
	late: '*filter\n' + '#\n'.repeat(10) + '-A INPUT -j NOPE\nCOMMIT\n',
	script: 'iptables -N WEB\niptables -A INPUT -p tcp --dport 80 -j WEB\n',
	// A ping to the host whose echo reply OUTPUT drops.
	ping: scenario(
		'*filter\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A OUTPUT -p icmp --icmp-type echo-reply -j DROP\nCOMMIT\n'
	),
	// Line 3, column 31 is the misspelt field "dprt" (the key's opening quote).
	badscenario:
		'{\n  "nfwalk": 1,\n  "host": { "interfaces": [], "dprt": 1 },\n  "rules": "",\n  "packets": []\n}\n',
	// Scenario fine, rules not: the rule error is reported against the rules text.
	badrules: scenario('*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j NOPE\nCOMMIT\n')
};

/** A scenario with one interface and one ping to the host, around the given rules. */
function scenario(rules: string): string {
	return JSON.stringify({
		nfwalk: 1,
		host: { interfaces: [{ name: 'eth0', addresses: ['10.0.1.1/24'] }] },
		rules,
		packets: [
			{ from: 'eth0', proto: 'icmp', src: '10.0.1.2', dst: '10.0.1.1', type: 8, code: 0, id: 7 }
		]
	});
}

const dir = mkdtempSync(join(tmpdir(), 'nfwalk-cli-'));
const path = (name: string) => join(dir, `${name}.rules`);
for (const [name, text] of Object.entries(FIXTURES)) writeFileSync(path(name), text);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `@good` in argv stands for the fixture file's path; output mentions it the same way. */
async function run(argv: string[], stdin = '') {
	let stdout = '';
	let stderr = '';
	const io: Io = {
		stdout: (t) => void (stdout += t),
		stderr: (t) => void (stderr += t),
		readFile: (p) => readFileSync(p, 'utf8'),
		readStdin: async () => stdin
	};
	const code = await main(
		argv.map((a) => (a.startsWith('@') ? path(a.slice(1)) : a)),
		io
	);
	const unpath = (s: string) => s.replaceAll(dir + '/', '@').replaceAll('.rules', '');
	return { code, stdout: unpath(stdout), stderr: unpath(stderr) };
}

interface Case {
	name: string;
	argv: string[];
	stdin?: string;
	exit: number;
	stdout?: RegExp[];
	stderr?: RegExp[];
	/** Exact stdout, when the whole output matters. */
	exact?: string;
}

const CASES: Case[] = [
	{
		name: 'check clean file',
		argv: ['check', '@good'],
		exit: 0,
		exact: '1 file checked: 0 errors, 0 warnings\n'
	},
	{
		name: 'check error: compiler-style line, code frame, summary',
		argv: ['check', '@bad', '@good'],
		exit: 1,
		stdout: [
			/^@bad:3:10: error: .*NOPE.* \[unknown-target\]$/m,
			/^ {4}3 \| -A INPUT -j NOPE\n {6}\| {10}\^{7}$/m,
			/^2 files checked: 1 error, 0 warnings$/m
		]
	},
	{
		name: 'check error on line 12: gutter padded to the line number',
		argv: ['check', '@late'],
		exit: 1,
		stdout: [/^@late:12:10: error: /m, /^ {4}12 \| -A INPUT -j NOPE\n {4} {2} \| {10}\^{7}$/m]
	},
	{
		name: 'check warnings only exits 0',
		argv: ['check', '@warn'],
		exit: 0,
		stdout: [/^@warn:2:1: warning: .* \[missing-policy\]$/m, /0 errors, 1 warning$/m]
	},
	{
		name: 'check reads stdin for -',
		argv: ['check', '-'],
		stdin: FIXTURES.bad,
		exit: 1,
		stdout: [/^<stdin>:3:10: error: /m]
	},
	{ name: 'check script input', argv: ['check', '@script'], exit: 0, stdout: [/0 errors/] },
	{
		name: 'check a scenario: its rules are checked with their own lines, not the JSON as shell',
		argv: ['check', '@badrules'],
		exit: 1,
		stdout: [
			/^@badrules \(rules\):3:10: error: .*NOPE.* \[unknown-target\]$/m,
			/^1 file checked: 1 error, 0 warnings$/m
		]
	},
	{
		name: 'check a scenario with a misspelt field: the document is diagnosed',
		argv: ['check', '@badscenario'],
		exit: 1,
		stdout: [/^@badscenario:3:/m]
	},
	{
		name: 'check a clean scenario',
		argv: ['check', '@ping'],
		exit: 0,
		exact: '1 file checked: 0 errors, 0 warnings\n'
	},
	{
		name: 'check forced --input restore on a script',
		argv: ['check', '--input', 'restore', '@script'],
		exit: 1
	},
	{ name: 'no command: usage on stderr', argv: [], exit: 2, stderr: [/^Usage: nfwalk/] },
	{ name: '--help', argv: ['--help'], exit: 0, stdout: [/^Usage: nfwalk/, /Exit codes/] },
	{ name: '-h', argv: ['-h'], exit: 0, stdout: [/^Usage: nfwalk/] },
	{ name: 'check --help', argv: ['check', '--help'], exit: 0, stdout: [/^Usage: nfwalk/] },
	{ name: '--version', argv: ['--version'], exit: 0, stdout: [/^nfwalk \d+\.\d+\.\d+\n$/] },
	{
		name: 'unknown command',
		argv: ['lint', '@good'],
		exit: 2,
		stderr: [/unknown command "lint"; the commands are check, fmt, link, trace/]
	},
	{
		name: 'unknown global flag',
		argv: ['--frobnicate'],
		exit: 2,
		stderr: [/unknown option --frobnicate/]
	},
	{
		name: 'check without files',
		argv: ['check'],
		exit: 2,
		stderr: [/check needs at least one FILE/]
	},
	{
		name: 'check unknown flag',
		argv: ['check', '--bogus', '@good'],
		exit: 2,
		stderr: [/^nfwalk: check: unknown option '--bogus'; see nfwalk --help$/m]
	},
	{
		name: 'check missing file',
		argv: ['check', '@missing'],
		exit: 2,
		stderr: [/^nfwalk: cannot read @missing: no such file; check the path$/m]
	},
	{ name: 'check a directory', argv: ['check', tmpdir()], exit: 2, stderr: [/it is a directory/] },
	{
		name: 'check bad --format',
		argv: ['check', '--format', 'yaml', '@good'],
		exit: 2,
		stderr: [/--format must be text or json, not "yaml"/]
	},
	{
		name: 'check bad --input',
		argv: ['check', '--input', 'nft', '@good'],
		exit: 2,
		stderr: [/--input must be restore or script/]
	},
	{ name: 'stdin twice', argv: ['check', '-', '-'], exit: 2, stderr: [/only once/] },
	{
		name: 'fmt prints canonical save form',
		argv: ['fmt', '@good'],
		exit: 0,
		exact:
			// Only declared built-in chains are written (the input declares INPUT alone).
			'*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n'
	},
	{
		name: 'fmt --commands',
		argv: ['fmt', '--commands', '@good'],
		exit: 0,
		exact: 'iptables -t filter -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n'
	},
	{
		name: 'fmt of a script',
		argv: ['fmt', '@script'],
		exit: 0,
		stdout: [/^:WEB - \[0:0\]$/m, /^-A INPUT -p tcp -m tcp --dport 80 -j WEB$/m]
	},
	{
		name: 'fmt with errors: diagnostics on stderr, nothing on stdout',
		argv: ['fmt', '@bad'],
		exit: 1,
		exact: '',
		stderr: [
			/^@bad:3:10: error: .* \[unknown-target\]$/m,
			/fmt prints only rule sets without errors/
		]
	},
	{
		name: 'fmt warnings go to stderr',
		argv: ['fmt', '@warn'],
		exit: 0,
		stdout: [/^-A INPUT -j ACCEPT$/m],
		stderr: [/\[missing-policy\]/]
	},
	{
		name: 'fmt takes one file',
		argv: ['fmt', '@good', '@bad'],
		exit: 2,
		stderr: [/exactly one FILE/]
	},
	{
		name: 'trace --format kernel: the normalised xtables-monitor lines, the reply as packet 1.1',
		argv: ['trace', '--format', 'kernel', '@ping'],
		exit: 0,
		exact: '# packet 1\nfilter:INPUT:policy:ACCEPT\n# packet 1.1\nfilter:OUTPUT:rule:1:DROP\n'
	},
	{
		name: 'trace text (the default): the walk shows OUTPUT dropping the echo reply',
		argv: ['trace', '@ping'],
		exit: 0,
		stdout: [
			/^packet 1: icmp 10\.0\.1\.2 → 10\.0\.1\.1 type 8 code 0 id 7, in eth0/m,
			/^packet 1\.1 .*icmp 10\.0\.1\.1 → 10\.0\.1\.2 type 0 code 0 id 7/m,
			/✓ rule 1 matched → DROP {3}line 4: -A OUTPUT -p icmp --icmp-type echo-reply -j DROP$/m,
			/^ {2}=> dropped by filter OUTPUT rule 1/m
		]
	},
	{
		name: 'trace reads the scenario from stdin for -',
		argv: ['trace', '--format', 'kernel', '-'],
		stdin: FIXTURES.ping,
		exit: 0,
		stdout: [/^# packet 1\.1$/m]
	},
	{
		name: 'trace --color never: no escape codes',
		argv: ['trace', '--color', 'never', '@ping'],
		exit: 0,
		stdout: [/^packet 1:/]
	},
	{
		name: 'trace scenario error: FILE:LINE:COL with code frame on stderr, no trace',
		argv: ['trace', '@badscenario'],
		exit: 1,
		exact: '',
		stderr: [
			/^@badscenario:3:31: error: host\.dprt: unknown field; the fields here are interfaces, .* \[unknown-field\]$/m,
			/^ {4}3 \| {3}"host": \{ "interfaces": \[\], "dprt": 1 \},\n {6}\| {31}\^{6}$/m,
			/^nfwalk: @badscenario has 1 error; no trace$/m
		]
	},
	{
		name: 'trace rule error: reported as rules:LINE:COL, no trace',
		argv: ['trace', '--format', 'kernel', '@badrules'],
		exit: 1,
		exact: '',
		stderr: [/^rules:3:10: error: .*NOPE.* \[unknown-target\]$/m, /^ {4}3 \| -A INPUT -j NOPE$/m]
	},
	{
		name: 'trace of a file that is not JSON',
		argv: ['trace', '@good'],
		exit: 1,
		stderr: [
			/^@good:1:1: error: not valid JSON: unexpected character "\*": expected a value \[json-syntax\]$/m
		]
	},
	{ name: 'trace --help', argv: ['trace', '--help'], exit: 0, stdout: [/trace SCENARIO/] },
	{
		name: 'trace without a file',
		argv: ['trace'],
		exit: 2,
		stderr: [/trace takes exactly one SCENARIO file \(or - for standard input\), got 0/]
	},
	{
		name: 'trace bad --format',
		argv: ['trace', '--format', 'yaml', '@ping'],
		exit: 2,
		stderr: [/--format must be text or json or kernel, not "yaml"/]
	},
	{
		name: 'trace bad --color',
		argv: ['trace', '--color', 'sometimes', '@ping'],
		exit: 2,
		stderr: [/--color must be auto or always or never/]
	},
	{
		name: 'trace --input is not an option of trace',
		argv: ['trace', '--input', 'restore', '@ping'],
		exit: 2,
		stderr: [/trace: unknown option '--input'/]
	},
	{
		name: 'fmt unknown flag',
		argv: ['fmt', '--format', 'json', '@good'],
		exit: 2,
		stderr: [/unknown option '--format'/]
	}
];

describe('nfwalk main', () => {
	it.each(CASES)('$name', async ({ argv, stdin, exit, stdout, stderr, exact }) => {
		const out = await run(argv, stdin);
		expect(out.code, out.stderr).toBe(exit);
		if (exact !== undefined) expect(out.stdout).toBe(exact);
		for (const re of stdout ?? []) expect(out.stdout).toMatch(re);
		for (const re of stderr ?? []) expect(out.stderr).toMatch(re);
		// Bad input never shows a stack trace.
		expect(out.stderr).not.toMatch(/\n\s+at /);
	});

	it('check --format json: one document with per-file diagnostics and totals', async () => {
		const out = await run(['check', '--format', 'json', '@bad', '@warn']);
		expect(out.code).toBe(1);
		const doc = JSON.parse(out.stdout);
		expect(doc).toMatchObject({ errors: 1, warnings: 1 });
		expect(doc.files.map((f: { file: string; format: string }) => [f.file, f.format])).toEqual([
			['@bad', 'restore'],
			['@warn', 'restore']
		]);
		expect(doc.files[0].diagnostics[0]).toMatchObject({
			code: 'unknown-target',
			severity: 'error',
			line: 3,
			column: 10
		});
	});

	it('trace --format json: the whole trace, packets in order with their steps and fates', async () => {
		const out = await run(['trace', '--format', 'json', '@ping']);
		expect(out.code, out.stderr).toBe(0);
		const doc = JSON.parse(out.stdout);
		expect(doc.packets.map((p: { id: string }) => p.id)).toEqual(['1', '1.1']);
		expect(doc.packets[1].fate).toMatchObject({
			type: 'dropped',
			by: { table: 'filter', chain: 'OUTPUT', rule: 1 }
		});
		expect(doc.counters).toContainEqual({
			table: 'filter',
			chain: 'OUTPUT',
			rule: 1,
			packets: 1,
			bytes: 28
		});
	});

	it('a bug (here: a throwing stdout) is an internal error with exit 3, not a crash', async () => {
		let err = '';
		const io: Io = {
			stdout: () => {
				throw new TypeError('boom');
			},
			stderr: (t) => void (err += t),
			readFile: () => FIXTURES.good,
			readStdin: async () => ''
		};
		expect(await main(['check', 'x'], io)).toBe(3);
		expect(err).toMatch(
			/^nfwalk: internal error: boom \(set NFWALK_DEBUG=1 for the stack trace\)\n$/
		);
	});
});

describe('bin/nfwalk.js', () => {
	it('runs the CLI as a real process', async () => {
		const run = promisify(execFile);
		const result = await run(process.execPath, ['bin/nfwalk.js', 'check', path('bad')]).catch(
			(e) => e
		);
		expect(result.code).toBe(1);
		expect(result.stdout).toMatch(/:3:10: error: .*\[unknown-target\]\n/);
		expect(result.stdout).toMatch(/1 file checked: 1 error, 0 warnings\n$/);
	}, 20_000);
});
