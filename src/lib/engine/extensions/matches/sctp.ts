import { findOption, formatRange, printInOrder } from '../define';
import { isError, parsePort, type Parsed, type PortRange } from '../../parse/values';
import type { ExtensionSpec } from '../types';

/** Chunk names with their type number and the flag letters valid for them (bit 7 first). */
const CHUNKS: readonly [string, number, string][] = [
	['DATA', 0, '----IUBE'],
	['INIT', 1, ''],
	['INIT_ACK', 2, ''],
	['SACK', 3, ''],
	['HEARTBEAT', 4, ''],
	['HEARTBEAT_ACK', 5, ''],
	['ABORT', 6, '-------T'],
	['SHUTDOWN', 7, ''],
	['SHUTDOWN_ACK', 8, ''],
	['ERROR', 9, ''],
	['COOKIE_ECHO', 10, ''],
	['COOKIE_ACK', 11, ''],
	['ECN_ECNE', 12, ''],
	['ECN_CWR', 13, ''],
	['SHUTDOWN_COMPLETE', 14, '-------T'],
	['I_DATA', 64, '----IUBE'],
	['RE_CONFIG', 130, ''],
	['PAD', 132, ''],
	['ASCONF', 193, ''],
	['ASCONF_ACK', 128, ''],
	['FORWARD_TSN', 192, ''],
	['I_FORWARD_TSN', 194, '']
];

/** One chunk with optional flag conditions: bits in `mask` must equal those in `flags`. */
interface ChunkSpec {
	type: number;
	flags: number;
	mask: number;
}

/** `--chunk-types all|any|only LIST`; `every` for the special ALL list. */
export interface ChunkTypes {
	how: 'all' | 'any' | 'only';
	chunks: ChunkSpec[];
	every: boolean;
}

function parseChunks([howWord, list]: string[]): Parsed<ChunkTypes> {
	const how = howWord.toLowerCase();
	if (how !== 'all' && how !== 'any' && how !== 'only') {
		return {
			error: `match type "${howWord}" must be all, any or only (e.g. --chunk-types any INIT,ABORT)`
		};
	}
	const chunks: ChunkSpec[] = [];
	let every = false;
	for (const item of list.split(',')) {
		const [name, flagText = ''] = item.split(':', 2);
		if (name.toUpperCase() === 'ALL') {
			every = true;
			continue;
		}
		if (name.toUpperCase() === 'NONE') continue;
		const entry = CHUNKS.find(([n]) => n === name.toUpperCase());
		if (!entry)
			return {
				error: `unknown SCTP chunk "${name}": use ${CHUNKS.map(([n]) => n).join(', ')}, ALL or NONE`
			};
		const spec: ChunkSpec = { type: entry[1], flags: 0, mask: 0 };
		for (const c of flagText) {
			const pos = entry[2].indexOf(c.toUpperCase());
			if (pos < 0 || c === '-')
				return {
					error: `flag "${c}" is not valid for chunk ${entry[0]}${entry[2] ? ` (valid: ${entry[2].replace(/-/g, '')})` : ' (it has no flags)'}`
				};
			const bit = 1 << (7 - pos);
			spec.mask |= bit;
			if (c === c.toUpperCase()) spec.flags |= bit;
		}
		chunks.push(spec);
	}
	return { how, chunks, every };
}

function formatChunks(v: ChunkTypes): string {
	const sorted = [...v.chunks].sort((a, b) => a.type - b.type);
	const names = sorted.map((c) => {
		const [name, , letters] = CHUNKS.find(([, t]) => t === c.type)!;
		let flags = '';
		for (let i = 7; i >= 0; i--) {
			if (c.mask & (1 << i))
				flags += c.flags & (1 << i) ? letters[7 - i] : letters[7 - i].toLowerCase();
		}
		return flags ? `${name}:${flags}` : name;
	});
	return `${v.how} ${v.every ? 'ALL' : names.length ? names.join(',') : 'NONE'}`;
}

function parsePorts(text: string): Parsed<PortRange> {
	const [a, b] = text.includes(':') ? text.split(':', 2) : [text, text];
	const from = a === '' ? 0 : parsePort(a);
	if (isError(from)) return from;
	const to = b === '' ? 65535 : parsePort(b);
	if (isError(to)) return to;
	return { from, to };
}

/** `-p sctp -m sctp --sport/--dport/--chunk-types`: SCTP ports and chunk types. */
export const sctp: ExtensionSpec = {
	name: 'sctp',
	kind: 'match',
	summary: 'SCTP ports and chunk types',
	protocols: ['sctp'],
	options: [
		{ name: 'sport', aliases: ['source-port'], invertible: true, parse: ([w]) => parsePorts(w) },
		{
			name: 'dport',
			aliases: ['destination-port'],
			invertible: true,
			parse: ([w]) => parsePorts(w)
		},
		{ name: 'chunk-types', args: 2, invertible: true, parse: (words) => parseChunks(words) }
	],
	print(options) {
		// Like dccp, a range is printed even when it covers every port.
		const ports = printInOrder(options, [
			{ name: 'sport', format: formatRange },
			{ name: 'dport', format: formatRange }
		]);
		const c = findOption(options, 'chunk-types');
		const chunks = c
			? `${c.inverted ? '! ' : ''}--chunk-types ${formatChunks(c.value as ChunkTypes)}`
			: '';
		return [ports, chunks].filter(Boolean).join(' ');
	}
};
