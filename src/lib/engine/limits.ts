/**
 * The sizes nfwalk refuses to go past, so that no input can make it hang or run out of memory
 * (docs/limits.md says why each value was chosen). Each is far above what a real dump reaches:
 * the largest rule set nfwalk is measured on, a 50,000-rule kube-proxy dump, has 67,896 lines of
 * at most 170 characters in 7.1 MB.
 */

/** Characters of rule-set text; about 4.7 times the 50,000-rule kube-proxy dump. */
export const MAX_RULESET_CHARS = 32 * 1024 * 1024;

/** Lines of rule-set text, checked before parsing: blank and comment lines cost time too. */
export const MAX_RULESET_LINES = 1_000_000;

/** Rules in all tables together; 5 times the kube-proxy dump. */
export const MAX_RULES = 250_000;

/** Characters on one line; the longest line in the corpus has 237. */
export const MAX_LINE_LENGTH = 65_536;

/**
 * The simulation's budget. A packet takes tens to a few hundred steps, and the slowest one of
 * bench:trace crosses one 5,000-rule chain of the kube-proxy dump; only a loop, or user chains
 * that jump to each other over and over (2^depth walks, which the kernel allows), come near.
 */
export interface SimLimits {
	/** Trace steps of one packet (each packet the host generates has its own). */
	stepsPerPacket: number;
	/** Rules one packet is tested against, counted as the whole chain at each entry into it. */
	ruleTestsPerPacket: number;
	/** Trace steps of all packets of a scenario together. */
	stepsPerScenario: number;
	/** Rule tests of all packets of a scenario together. */
	ruleTestsPerScenario: number;
}

export const SIM_BUDGET: Readonly<SimLimits> = {
	// More than twice the rules of the largest corpus file: a packet matching every rule fits.
	stepsPerPacket: 20_000,
	ruleTestsPerPacket: 5_000_000,
	stepsPerScenario: 2_000_000,
	ruleTestsPerScenario: 200_000_000
};
