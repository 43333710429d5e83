/**
 * What a share link may carry. A link is untrusted input: these caps turn a hostile or absurd
 * link into a message instead of a frozen tab. Real scenarios are far below them: the biggest
 * example is ~10 kB of JSON; the 8,453-rule scenario built around the gfw-list dump is ~600 kB.
 */

/** Characters of link text read at all (a 1 GB deflate bomb is ~1.4 M characters). */
export const MAX_LINK_CHARS = 4_000_000;
/** Bytes the scenario may unpack to; inflation stops here. */
export const MAX_SCENARIO_BYTES = 8 * 1024 * 1024;
/** Packets a linked scenario may have (each is walked through every hook when it opens). */
export const MAX_LINK_PACKETS = 1000;
/** Lines of rules a linked scenario may have (the biggest real dump we know has 50,000 rules). */
export const MAX_LINK_RULE_LINES = 100_000;
/** Past this many characters a link is unreliable in chat tools and some browsers. */
export const LONG_LINK_CHARS = 32_000;
