/**
 * Matches on host machinery nfwalk does not model: bridges, IPsec policies, sockets, cgroups,
 * CPUs, OS fingerprints, BPF programs, routing realms, clusters, labels, rate estimators, IPVS.
 * Where the kernel's answer for a host *without* that machinery is known (no packet is bridged,
 * none went through IPsec or IPVS, every route has realm 0), the match gives exactly that
 * answer; the others never match. Either way the rule says why.
 */
import type { OptionValue } from '../../model';
import type { ValueMask } from '../../parse/values';
import type { CompiledMatch, MatchCompiler } from '../compile-types';
import { neverMatch, opt } from './build';

/** A constant answer with its reason. */
function fixed(result: boolean, note: string): CompiledMatch {
	return { test: result ? () => true : () => false, note };
}

/**
 * physdev_mt on a packet that did not cross a bridge: every given option must be inverted
 * (`! --physdev-is-bridged` matches routed traffic, `--physdev-in veth0` never does).
 */
function physdev(options: readonly OptionValue[]): CompiledMatch {
	const result = options.length > 0 && options.every((o) => o.inverted);
	return fixed(
		result,
		`-m physdev ${result ? 'matches' : 'never matches'} in nfwalk: no packet crosses a bridge port (nfwalk models no bridges), and physdev_mt then matches only when every option is negated`
	);
}

/** policy_mt without any IPsec state: no packet has a policy, so `--pol none` matches and `--pol ipsec` does not. */
function policy(options: readonly OptionValue[]): CompiledMatch {
	const none = opt(options, 'pol')?.value === 'none';
	return fixed(
		none,
		`-m policy --pol ${none ? 'none matches every packet' : 'ipsec never matches'} in nfwalk: it models no IPsec, so no packet was or will be processed by an IPsec policy`
	);
}

/** ipvs_mt: no packet belongs to an IPVS service; only a lone `! --ipvs` then matches. */
function ipvs(options: readonly OptionValue[]): CompiledMatch {
	const result = options.length === 1 && options[0].name === 'ipvs' && options[0].inverted;
	return fixed(
		result,
		`-m ipvs ${result ? 'matches' : 'never matches'} in nfwalk: it models no IPVS, so no packet has the IPVS property`
	);
}

/** realm_mt compares the route's realm, and the host's routes carry none: the realm is 0. */
function realm(options: readonly OptionValue[]): CompiledMatch {
	const o = opt(options, 'realm');
	const { value, mask } = (o?.value as ValueMask | undefined) ?? { value: 0, mask: 0 };
	const result = (value === (0 & mask)) !== (o?.inverted ?? false);
	return fixed(
		result,
		`-m realm ${result ? 'matches' : 'never matches'} in nfwalk: the host's routes carry no realm, so every route's realm is 0`
	);
}

const EXACT: Readonly<Record<string, MatchCompiler>> = { physdev, policy, ipvs, realm };

const WHY: Readonly<Record<string, string>> = {
	socket: 'nfwalk does not look up sockets for this match',
	cgroup: 'nfwalk knows no cgroup of the sender',
	cpu: 'nfwalk does not model which CPU handles the packet',
	osf: "nfwalk's packets carry no TCP options, so no OS fingerprint fits",
	bpf: 'nfwalk does not run BPF programs',
	cluster: 'nfwalk does not hash packets onto cluster nodes',
	connlabel: 'nfwalk models no conntrack labels',
	rateest: 'nfwalk models no rate estimators'
};

export const HOST_ONLY: readonly string[] = [...Object.keys(EXACT), ...Object.keys(WHY)];

export function hostOnly(name: string): MatchCompiler {
	return EXACT[name] ?? (() => neverMatch(`-m ${name} never matches in nfwalk: ${WHY[name]}`));
}
