/**
 * What the CLI touches outside itself, injected so tests can run `main` in-process with fake
 * streams and files instead of spawning a process per case.
 */
import { readFileSync } from 'node:fs';

export interface Io {
	stdout(text: string): void;
	stderr(text: string): void;
	/** Throws a Node system error (`code` ENOENT, EACCES, EISDIR …) when the file cannot be read. */
	readFile(path: string): string;
	readStdin(): Promise<string>;
}

/** Wrong invocation or unreadable input: the user can fix it, so no stack trace and exit 2. */
export class UsageError extends Error {}

/** Exit codes, also listed in docs/cli.md: scripts key on them. */
export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;

export const STDIN_NAME = '<stdin>';

export function processIo(): Io {
	return {
		stdout: (text) => void process.stdout.write(text),
		stderr: (text) => void process.stderr.write(text),
		readFile: (path) => readFileSync(path, 'utf8'),
		readStdin: async () => {
			const chunks: Buffer[] = [];
			for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
			return Buffer.concat(chunks).toString('utf8');
		}
	};
}

const READ_PROBLEMS: Record<string, string> = {
	ENOENT: 'no such file; check the path',
	EACCES: 'permission denied; check the file mode or run as its owner',
	EISDIR: 'it is a directory; name a rule-set file inside it',
	EMFILE: 'too many open files; check fewer files at once'
};

/** Reads FILE (or stdin for `-`); a failure becomes a UsageError that says what to do. */
export async function readInput(io: Io, file: string): Promise<{ name: string; text: string }> {
	if (file === '-') return { name: STDIN_NAME, text: await io.readStdin() };
	try {
		return { name: file, text: io.readFile(file) };
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code ?? '';
		const why = READ_PROBLEMS[code] ?? (code ? `${code}` : String(e));
		throw new UsageError(`cannot read ${file}: ${why}`);
	}
}
