import { findOption, hasOption, text, unsigned } from '../define';
import type { ExtensionSpec } from '../types';

/** `-p tcp -m osf --genre NAME`: passive OS fingerprint of a TCP SYN. */
export const osf: ExtensionSpec = {
	name: 'osf',
	kind: 'match',
	summary: 'passive OS fingerprint of incoming TCP SYNs',
	protocols: ['tcp'],
	hooks: ['PREROUTING', 'INPUT', 'FORWARD'],
	options: [text('genre', 31, { invertible: true }), unsigned('ttl', 0, 2), unsigned('log', 0, 2)],
	check(use, ctx) {
		if (!hasOption(use.options, 'genre'))
			ctx.report(
				'error',
				'osf: option --genre must be specified (e.g. --genre Linux)',
				undefined,
				'missing-option'
			);
	},
	print(options) {
		const g = findOption(options, 'genre');
		const parts = g ? [`${g.inverted ? '! ' : ''}--genre ${g.value}`] : [];
		for (const name of ['ttl', 'log']) {
			const o = findOption(options, name);
			if (o) parts.push(`--${name} ${o.value}`);
		}
		return parts.join(' ');
	}
};
