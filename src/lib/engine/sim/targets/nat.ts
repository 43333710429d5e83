import type { TargetCompiler } from '../compile-types';
import { natRequest } from '../../nat/range';

/**
 * DNAT, SNAT, MASQUERADE, REDIRECT, NETMAP: bind the connection and end the nat chain as ACCEPT
 * does (§4.1, §4.7). The binding is conntrack's business (`env.natBind`); the packet is rewritten
 * when the nat table is done.
 */
export const compileNat: TargetCompiler = (options, rule) => {
	const name = rule.target?.type === 'extension' ? rule.target.name : '';
	const request = natRequest(name, options);
	return {
		run(_p, env) {
			if (!request || !env.natBind)
				return {
					verdict: 'ACCEPT',
					note: 'NAT outside a nat chain of a tracked connection: no binding'
				};
			return env.natBind(request);
		}
	};
};
