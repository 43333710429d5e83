/** node:util parseArgs with its errors turned into usage errors, plus the options every command shares. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { InputFormat } from '../lib/engine/index';
import { UsageError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

export const COMMON_OPTIONS = {
	help: { type: 'boolean', short: 'h' },
	input: { type: 'string' }
} as const satisfies Options;

export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O) {
	try {
		return parseArgs({ args, options, allowPositionals: true, strict: true });
	} catch (e) {
		// parseArgs reports bad flags as TypeErrors with ERR_PARSE_ARGS_* codes; anything else is a bug.
		if (!String((e as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS')) throw e;
		const message = (e as Error).message
			.replace(/\. To specify a positional argument.*$/s, '')
			.replace(/^./, (c) => c.toLowerCase());
		throw new UsageError(`${command}: ${message}; see nfwalk --help`);
	}
}

/** `--input` as the engine's format, or undefined to let the engine detect it. */
export function inputFormat(value: string | undefined): InputFormat | undefined {
	if (value === undefined) return undefined;
	return choice<InputFormat>('--input', value, ['restore', 'script'], 'restore');
}

/** One of `allowed`, or a usage error naming the flag and the choices. */
export function choice<T extends string>(
	flag: string,
	value: string | undefined,
	allowed: readonly T[],
	fallback: T
): T {
	if (value === undefined) return fallback;
	if ((allowed as readonly string[]).includes(value)) return value as T;
	throw new UsageError(`${flag} must be ${allowed.join(' or ')}, not "${value}"`);
}
