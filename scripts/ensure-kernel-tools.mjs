#!/usr/bin/env node
// Makes sure the live kernel suite (`npm run test:kernel`) has its tools: iproute2, iptables-nft,
// nftables (nft), xtables-monitor (in iptables), conntrack, ipset and Debian's python3 with scapy.
// As root on a machine with apt-get it installs what is missing; otherwise it says what to install.
import { spawnSync } from 'node:child_process';

const PACKAGES = {
	ip: 'iproute2',
	'iptables-nft': 'iptables',
	'xtables-monitor': 'iptables',
	nft: 'nftables',
	conntrack: 'conntrack',
	ipset: 'ipset'
};

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const hasScapy = () =>
	spawnSync('/usr/bin/python3', ['-c', 'import scapy.all'], { stdio: 'ignore' }).status === 0;

const missing = new Set(
	Object.entries(PACKAGES)
		.filter(([cmd]) => !has(cmd))
		.map(([, pkg]) => pkg)
);
if (!hasScapy()) missing.add('python3-scapy');
if (missing.size === 0) process.exit(0);

const list = [...missing].join(' ');
if (process.getuid?.() !== 0 || !has('apt-get')) {
	console.error(
		`The kernel suite needs: ${list}. Install them (Debian: apt-get install -y ${list}) and run it as root.`
	);
	process.exit(1);
}
console.log(`Installing the kernel suite's tools from Debian: ${list}`);
const r = spawnSync(
	'sh',
	[
		'-c',
		`apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${list}`
	],
	{ stdio: 'inherit' }
);
process.exit(r.status === 0 ? 0 : 1);
