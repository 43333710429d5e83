/** Each fate kind's symbol and word, so the fate is never shown by colour alone. */
import type { FateKind } from '../model/frames';

export const FATE_SYMBOL: Record<FateKind, string> = {
	delivered: '⤓',
	answered: '↩',
	forwarded: '→',
	sent: '↗',
	dropped: '✕',
	rejected: '⊘',
	queued: '⇥'
};

/** Fates where the packet did not get where it was going. */
export function isStopped(kind: FateKind): boolean {
	return kind === 'dropped' || kind === 'rejected' || kind === 'queued';
}
