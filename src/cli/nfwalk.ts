/** Entry point of `nfwalk` (bin/nfwalk.js and `npm run nfwalk` both load this file). */
import { processIo } from './io';
import { main } from './main';

// `nfwalk fmt big.rules | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
	if (e.code === 'EPIPE') process.exit(0);
	throw e;
});

// exitCode, not process.exit(): exit() could cut off output still queued for a pipe.
process.exitCode = await main(process.argv.slice(2), processIo());
