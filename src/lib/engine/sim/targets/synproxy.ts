import type { TargetCompiler, TargetResult } from '../compile-types';
import { TCP_FLAG } from '../packet';

const { SYN, ACK, FIN, RST } = TCP_FLAG;

const SYN_ANSWERED: TargetResult = {
	verdict: 'DROP',
	effect: {
		type: 'other',
		what: 'SYNPROXY answers this SYN itself with a SYN-ACK carrying a SYN cookie and consumes the packet (NF_STOLEN); nfwalk does not generate the SYN-ACK',
		changed: false
	},
	note: 'consumed by SYNPROXY, shown as DROP: the packet goes no further'
};

const ACK_CHECKED: TargetResult = {
	verdict: 'DROP',
	effect: {
		type: 'other',
		what: "SYNPROXY checks this ACK's SYN cookie: a valid one is consumed (NF_STOLEN) and the proxy opens the connection to the server, an invalid one is dropped; nfwalk does not track cookies",
		changed: false
	},
	note: 'consumed or dropped by SYNPROXY, shown as DROP: the packet goes no further either way'
};

/**
 * `-j SYNPROXY` as synproxy_tg4 decides: a bare SYN and a bare ACK end here (stolen, or dropped
 * for a bad cookie); every other TCP packet continues. nfwalk has no STOLEN verdict and does not
 * make the packets the proxy sends.
 */
export const compileSynproxy: TargetCompiler = () => ({
	run(p) {
		if (p.flags & SYN && !(p.flags & (ACK | FIN | RST))) return SYN_ANSWERED;
		if (p.flags & ACK && !(p.flags & (FIN | RST | SYN))) return ACK_CHECKED;
		return { verdict: 'CONTINUE' };
	}
});
