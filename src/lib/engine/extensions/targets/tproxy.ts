import { findOption, hasOption } from '../define';
import { hex32, leadingUint, markMask, serviceToPort } from '../nat-values';
import { formatIPv4, parseIPv4 } from '../../parse/values';
import type { ExtensionSpec } from '../types';

/** `-j TPROXY --on-port PORT [--on-ip ADDR] [--tproxy-mark V[/M]]`: hands the packet to a local transparent proxy socket. */
export const tproxy: ExtensionSpec = {
	name: 'TPROXY',
	kind: 'target',
	summary: 'deliver to a local transparent proxy socket without rewriting (mangle PREROUTING)',
	protocols: ['tcp', 'udp'],
	tables: ['mangle'],
	hooks: ['PREROUTING'],
	options: [
		{
			name: 'on-port',
			parse([w]) {
				const n = leadingUint(w, 0, 65535);
				const port = n && n.rest === '' ? n.value : serviceToPort(w);
				return port === null
					? { error: `--on-port: "${w}" is not a port (write 0–65535 or a service name)` }
					: port;
			}
		},
		{
			name: 'on-ip',
			parse: ([w]) =>
				parseIPv4(w) ?? { error: `--on-ip: "${w}" is not an IPv4 address (write e.g. 127.0.0.1)` }
		},
		{ name: 'tproxy-mark', parse: ([w]) => markMask(w, 'tproxy-mark') }
	],
	check(use, ctx) {
		if (!hasOption(use.options, 'on-port'))
			ctx.report('error', 'TPROXY: option --on-port must be specified, e.g. --on-port 3129');
	},
	// The kernel stores all three and iptables lists them, with 0.0.0.0 and 0x0/0x0 when not given:
	// the same defaults in the model make a rule and its printed form read the same.
	defaults: () => [
		{ name: 'on-ip', value: 0 },
		{ name: 'tproxy-mark', value: { value: 0, mask: 0 } }
	],
	print(options) {
		const port = findOption(options, 'on-port')?.value as number | undefined;
		const ip = (findOption(options, 'on-ip')?.value as number | undefined) ?? 0;
		const mark = (findOption(options, 'tproxy-mark')?.value as
			{ value: number; mask: number } | undefined) ?? { value: 0, mask: 0 };
		return `--on-port ${port ?? 0} --on-ip ${formatIPv4(ip)} --tproxy-mark ${hex32(mark.value)}/${hex32(mark.mask)}`;
	}
};
