import { flag, oneOf, printInOrder } from '../define';
import type { ExtensionSpec } from '../types';
import {
	formatIPv4,
	maskToPrefix,
	parseIPv4,
	parsePort,
	prefixToMask,
	type Parsed
} from '../../parse/values';
import { protocolNumber } from '../../parse/protocols';

/** `--vaddr 10.0.0.1[/24|/255.255.255.0]`: kept unmasked, as libxt_ipvs stores it. */
interface VAddr {
	address: number;
	mask: number;
}

function parseVAddr([w]: string[]): Parsed<VAddr> {
	const [a, m] = w.split('/', 2);
	const address = parseIPv4(a);
	if (address === null) return { error: `--vaddr "${a}" is not an IPv4 address` };
	if (m === undefined) return { address, mask: 0xffffffff };
	const mask = /^\d+$/.test(m) && Number(m) <= 32 ? prefixToMask(Number(m)) : parseIPv4(m);
	return mask === null
		? { error: `--vaddr mask "${m}" is not a prefix length or dotted netmask` }
		: { address, mask };
}

function formatVAddr(v: VAddr): string {
	if (v.mask === 0xffffffff) return formatIPv4(v.address);
	const p = maskToPrefix(v.mask);
	return `${formatIPv4(v.address)}/${p >= 0 ? p : formatIPv4(v.mask)}`;
}

const port = (name: string) => ({ name, invertible: true, parse: ([w]: string[]) => parsePort(w) });

/** `-m ipvs`: matches IPVS (load balancer) connection properties. */
export const ipvs: ExtensionSpec = {
	name: 'ipvs',
	kind: 'match',
	summary: 'match IPVS virtual service properties of a connection',
	options: [
		flag('ipvs', { invertible: true }),
		{
			name: 'vproto',
			invertible: true,
			parse: ([w]): Parsed<number> =>
				protocolNumber(w.toLowerCase()) ?? {
					error: `--vproto "${w}" is not a protocol name or number`
				}
		},
		{ name: 'vaddr', invertible: true, parse: parseVAddr },
		port('vport'),
		oneOf('vdir', ['ORIGINAL', 'REPLY']),
		oneOf('vmethod', ['GATE', 'IPIP', 'MASQ'], { invertible: true }),
		port('vportctl')
	],
	print: (o) =>
		printInOrder(o, [
			{ name: 'ipvs' },
			{ name: 'vproto' },
			{ name: 'vaddr', format: formatVAddr },
			{ name: 'vport' },
			{ name: 'vdir' },
			{ name: 'vmethod' },
			{ name: 'vportctl' }
		])
};
