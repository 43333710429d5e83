import { findOption } from '../define';
import { requireOne, truncateBytes } from '../mangle-values';
import type { ExtensionSpec } from '../types';

/** `-j SECMARK --selctx CTX`: labels the packet with an SELinux security context. */
export const secmark: ExtensionSpec = {
	name: 'SECMARK',
	kind: 'target',
	summary: 'label the packet with an SELinux security context',
	tables: ['mangle', 'security'],
	// char secctx[256]; the kernel then needs the context to exist in the loaded policy.
	options: [
		{
			name: 'selctx',
			// No policy has such a context, and iptables-save would print it unquoted, which
			// iptables-restore then reads as several words.
			parse: ([w]) =>
				/[\s"'\\]/.test(w)
					? {
							error: `--selctx: "${w}" is not an SELinux context (they have no blanks or quotes), e.g. system_u:object_r:http_packet_t:s0`
						}
					: truncateBytes(w, 255)
		}
	],
	check(use, ctx) {
		requireOne(
			use,
			ctx,
			['selctx'],
			'SECMARK: option --selctx must be specified (an SELinux context, e.g. system_u:object_r:http_packet_t:s0)'
		);
	},
	// iptables-save prints the context unquoted.
	print(options) {
		const s = findOption(options, 'selctx');
		return s ? `--selctx ${s.value as string}` : '';
	}
};
