import { spiMatch } from '../spi-match';

/** `-p esp -m esp --espspi SPI[:SPI]`: the IPsec ESP header's SPI. */
export const esp = spiMatch('esp', 'esp', 'espspi', 'IPsec ESP security parameter index (range)');
