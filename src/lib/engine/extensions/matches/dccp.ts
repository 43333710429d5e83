import { formatRange, printInOrder, unsigned } from '../define';
import { isError, parsePort, type Parsed, type PortRange } from '../../parse/values';
import type { ExtensionSpec } from '../types';

/** DCCP packet types in kernel order; bit i stands for type i. */
const DCCP_TYPES = [
	'REQUEST',
	'RESPONSE',
	'DATA',
	'ACK',
	'DATAACK',
	'CLOSEREQ',
	'CLOSE',
	'RESET',
	'SYNC',
	'SYNCACK',
	'INVALID'
];

function parseTypes(text: string): Parsed<number> {
	let mask = 0;
	for (const w of text.split(',')) {
		const i = DCCP_TYPES.indexOf(w.toUpperCase());
		if (i < 0) return { error: `unknown DCCP type "${w}": use ${DCCP_TYPES.join(', ')}` };
		mask |= 1 << i;
	}
	return mask;
}

/** `a`, `a:b`, `:b`, `a:` as XTTYPE_PORTRC reads them; `a > b` is kept. */
function parsePorts(text: string): Parsed<PortRange> {
	const [a, b] = text.includes(':') ? text.split(':', 2) : [text, text];
	const from = a === '' ? 0 : parsePort(a);
	if (isError(from))
		return {
			error: `port "${a}" does not resolve to anything: use a number 0–65535 or a service name`
		};
	const to = b === '' ? 65535 : parsePort(b);
	if (isError(to))
		return {
			error: `port "${b}" does not resolve to anything: use a number 0–65535 or a service name`
		};
	return { from, to };
}

/** `-p dccp -m dccp --sport/--dport/--dccp-types/--dccp-option`: DCCP header fields. */
export const dccp: ExtensionSpec = {
	name: 'dccp',
	kind: 'match',
	summary: 'DCCP ports, packet types and options',
	protocols: ['dccp'],
	options: [
		{ name: 'sport', aliases: ['source-port'], invertible: true, parse: ([w]) => parsePorts(w) },
		{
			name: 'dport',
			aliases: ['destination-port'],
			invertible: true,
			parse: ([w]) => parsePorts(w)
		},
		{ name: 'dccp-types', invertible: true, parse: ([w]) => parseTypes(w) },
		unsigned('dccp-option', 1, 255, { invertible: true })
	],
	// Unlike tcp/udp, dccp prints a port range even when it covers every port.
	print: (options) =>
		printInOrder(options, [
			{ name: 'sport', format: formatRange },
			{ name: 'dport', format: formatRange },
			{
				name: 'dccp-types',
				format: (m: number) => DCCP_TYPES.filter((_, i) => m & (1 << i)).join(',')
			},
			{ name: 'dccp-option' }
		])
};
