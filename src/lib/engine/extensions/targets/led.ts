import { findOption, flag, hasOption } from '../define';
import type { ExtensionSpec } from '../types';
import { isError, parseUnsigned, type Parsed } from '../../parse/values';

/** `-j LED`: blinks the LED trigger `netfilter-ID` for matching packets. */
export const led: ExtensionSpec = {
	name: 'LED',
	kind: 'target',
	summary: 'blink an LED trigger on matching packets',
	options: [
		{
			name: 'led-trigger-id',
			// The kernel prefixes "netfilter-" in a 27-byte buffer, leaving 16 characters.
			parse: ([w]) =>
				w === ''
					? { error: '--led-trigger-id cannot be blank' }
					: w.length > 16
						? { error: '--led-trigger-id must be 16 characters or less' }
						: w
		},
		{
			name: 'led-delay',
			parse: ([w]): Parsed<number> => {
				if (w === 'inf') return -1;
				const n = parseUnsigned(w);
				return isError(n) ? { error: `cannot parse "${w}" as a delay: milliseconds or inf` } : n;
			}
		},
		flag('led-always-blink')
	],
	check(use, ctx) {
		if (!hasOption(use.options, 'led-trigger-id'))
			ctx.report('error', 'LED: option --led-trigger-id must be specified');
	},
	print(o) {
		const out = [`--led-trigger-id "${(findOption(o, 'led-trigger-id')?.value as string) ?? ''}"`];
		const d = (findOption(o, 'led-delay')?.value as number | undefined) ?? 0;
		if (d) out.push(`--led-delay ${d < 0 ? 'inf' : d}`);
		if (hasOption(o, 'led-always-blink')) out.push('--led-always-blink');
		return out.join(' ');
	}
};
