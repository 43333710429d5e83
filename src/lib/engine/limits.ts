/**
 * The sizes nfwalk refuses to go past, so that no input can make it hang or run out of memory
 * (docs/limits.md says why each value was chosen). Each is far above what a real dump reaches:
 * the largest rule set nfwalk is measured on, a 50,000-rule kube-proxy dump, has 67,896 lines of
 * at most 170 characters in 7.1 MB.
 */

/** Characters of rule-set text; about 4.5 times the 50,000-rule kube-proxy dump. */
export const MAX_RULESET_CHARS = 32 * 1024 * 1024;

/** Lines of rule-set text, checked before parsing: blank and comment lines cost time too. */
export const MAX_RULESET_LINES = 1_000_000;

/** Rules in all tables together; 5 times the kube-proxy dump. */
export const MAX_RULES = 250_000;

/** Characters on one line; the longest line in the corpus has 237. */
export const MAX_LINE_LENGTH = 65_536;

/**
 * Trace steps of one packet (generated packets have their own). A real packet takes tens to a few
 * hundred; only a loop, or user chains that jump to each other over and over, get near.
 */
export const MAX_STEPS_PER_PACKET = 100_000;

/**
 * Rules one packet may be tested against, counted as the whole chain each time the walk enters a
 * chain. A packet crossing the kube-proxy dump enters chains of at most a few thousand rules a
 * handful of times.
 */
export const MAX_RULE_TESTS_PER_PACKET = 10_000_000;
