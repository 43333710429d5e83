/**
 * The CLI's dispatcher, a function of argv and injected I/O that returns the exit code, so tests
 * call it directly. Bad input is a usage error or a diagnostic; only a bug reaches "internal error".
 */
import { runCheck } from './check';
import { runFmt } from './fmt';
import { runLink } from './link';
import { EXIT, UsageError, type Io } from './io';
import { runTrace } from './trace';
import { USAGE, version } from './usage';

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = {
	check: runCheck,
	fmt: runFmt,
	link: runLink,
	trace: runTrace
};

export async function main(argv: string[], io: Io): Promise<number> {
	try {
		return await dispatch(argv, io);
	} catch (e) {
		if (e instanceof UsageError) {
			io.stderr(`nfwalk: ${e.message}\n`);
			return EXIT.usage;
		}
		const detail = process.env.NFWALK_DEBUG
			? `\n${(e as Error)?.stack ?? ''}`
			: ' (set NFWALK_DEBUG=1 for the stack trace)';
		io.stderr(`nfwalk: internal error: ${(e as Error)?.message ?? String(e)}${detail}\n`);
		return EXIT.internal;
	}
}

async function dispatch(argv: string[], io: Io): Promise<number> {
	const [first, ...rest] = argv;
	if (first === undefined) {
		io.stderr(USAGE);
		return EXIT.usage;
	}
	if (first === '-h' || first === '--help') {
		io.stdout(USAGE);
		return EXIT.ok;
	}
	if (first === '--version') {
		io.stdout(`nfwalk ${version()}\n`);
		return EXIT.ok;
	}
	const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
	if (!command) {
		const what = first.startsWith('-') ? `unknown option ${first}` : `unknown command "${first}"`;
		throw new UsageError(
			`${what}; the commands are ${Object.keys(COMMANDS).join(', ')} (see nfwalk --help)`
		);
	}
	return command(rest, io);
}
