import { flag } from '../define';
import { spiMatch } from '../spi-match';

/** `-p ipcomp -m ipcomp --ipcompspi CPI[:CPI] [--compres]`: the IPComp header's CPI. */
export const ipcomp = spiMatch(
	'ipcomp',
	'ipcomp',
	'ipcompspi',
	'IPComp compression parameter index (range)',
	[flag('compres')]
);
