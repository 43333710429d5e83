import { spiMatch } from '../spi-match';

/** `-p ah -m ah --ahspi SPI[:SPI]`: the IPsec Authentication Header's SPI. */
export const ah = spiMatch('ah', 'ah', 'ahspi', 'IPsec AH security parameter index (range)');
