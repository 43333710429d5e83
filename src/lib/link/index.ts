/** Share links: encode a scenario into a URL fragment and read one back, safely. */
export { decodeLink, encodeLink, linkUrl, looksLikeLink, LINK_VERSION } from './link';
export type { LinkPosition, LinkResult } from './link';
export { LONG_LINK_CHARS, MAX_LINK_CHARS, MAX_SCENARIO_BYTES } from './limits';
export { PUBLIC_URL } from './public-url';
