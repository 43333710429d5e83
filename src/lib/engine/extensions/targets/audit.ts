import { findOption } from '../define';
import type { Parsed } from '../../parse/values';
import { requireOne } from '../mangle-values';
import type { ExtensionSpec } from '../types';

const TYPES = ['accept', 'drop', 'reject'];

function parseType([w]: string[]): Parsed<string> {
	const t = w.toLowerCase();
	return TYPES.includes(t) ? t : { error: `--type takes accept, drop or reject, not "${w}"` };
}

/** `-j AUDIT`: records the packet in the audit log, then continues. */
export const audit: ExtensionSpec = {
	name: 'AUDIT',
	kind: 'target',
	summary: 'write an audit record for the packet, then continue',
	options: [{ name: 'type', parse: parseType }],
	check(use, ctx) {
		requireOne(
			use,
			ctx,
			['type'],
			'AUDIT: option --type must be specified (accept, drop or reject)'
		);
	},
	print(options) {
		const t = findOption(options, 'type');
		return t ? `--type ${t.value as string}` : '';
	}
};
