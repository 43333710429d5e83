/**
 * How long share links are, next to `gzip -9` of the same JSON: the home-router example, a
 * 1,000-rule kube-proxy scenario, and (with ../shared) the 8,453-rule gfw-list file.
 *   npm run bench:links
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { encodeLink, linkUrl, LONG_LINK_CHARS, PUBLIC_URL } from '../src/lib/link/index';
import type { ScenarioJson } from '../src/lib/scenario/scenario';
import { generateKubeDump } from './gen-kube-dump';

const ROOT = new URL('../', import.meta.url);
const GFW = new URL('../shared/corpus/real/github-vssblt-gfw-list-ssredir.rules', ROOT);

function around(rules: string, title: string): ScenarioJson {
	return {
		nfwalk: 1,
		title,
		host: { interfaces: [{ name: 'eth0', addresses: ['10.0.1.1/24'] }], forwarding: true },
		rules,
		packets: [
			{
				from: 'eth0',
				proto: 'tcp',
				src: '10.0.1.2',
				sport: 40000,
				dst: '10.96.0.10',
				dport: 53,
				flags: ['SYN']
			}
		]
	};
}

/** `gzip -9 -n` of the text, from the real gzip when there is one. */
function gzip9(text: string): { bytes: number; by: string } {
	try {
		return {
			bytes: execFileSync('gzip', ['-9', '-n', '-c'], { input: text }).length,
			by: 'gzip -9'
		};
	} catch {
		return { bytes: gzipSync(text, { level: 9 }).length, by: 'zlib level 9' };
	}
}

const cases: [string, ScenarioJson][] = [
	[
		'home-router example',
		JSON.parse(readFileSync(new URL('rules-examples/home-router.json', ROOT), 'utf8'))
	],
	['1,000-rule kube-proxy scenario', around(generateKubeDump(1000), 'kube-proxy, 1,000 rules')]
];
if (existsSync(GFW))
	cases.push(['8,453-rule gfw-list scenario', around(readFileSync(GFW, 'utf8'), 'gfw-list')]);
else console.log('(../shared absent: the 8,453-rule gfw-list scenario is skipped)');

const fmt = (n: number) => n.toLocaleString('en').padStart(9);
console.log(
	`${'scenario'.padEnd(32)} ${'JSON'.padStart(9)} ${'link'.padStart(9)} ${'gzip -9'.padStart(9)} ${'base64'.padStart(9)}  link / base64(gzip -9)`
);
for (const [name, doc] of cases) {
	const json = JSON.stringify(doc);
	const link = linkUrl(PUBLIC_URL, await encodeLink(doc));
	const gz = gzip9(json);
	const b64 = Math.ceil((gz.bytes * 4) / 3);
	const flag =
		link.length > LONG_LINK_CHARS ? '  (past 32,000: the app offers the file instead)' : '';
	console.log(
		`${name.padEnd(32)} ${fmt(json.length)} ${fmt(link.length)} ${fmt(gz.bytes)} ${fmt(b64)}  ${(link.length / b64).toFixed(3)}${flag}`
	);
}
console.log(
	`link = ${PUBLIC_URL} + "#v=1&s=" + base64url(CRC-32 + deflate-raw(JSON)); columns in characters or bytes`
);
