/**
 * Every diagnostic code the engine can emit, read from its source: the first string argument of
 * `report.error|warning|add(...)` and the last, code-shaped string argument of an extension's
 * `ctx.report(...)`. The docs must describe each one (tests/unit/diagnostic-codes.spec.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
	});
}

const DIRECT = /\.(?:error|warning|add)\(\s*'([a-z0-9]+(?:-[a-z0-9]+)*)'/g;
const CODE = /^'([a-z0-9]+(?:-[a-z0-9]+)+)'$/;

/** The argument text of the call whose `(` is at `open`, up to its matching `)`. */
function callArguments(text: string, open: number): string {
	let depth = 0;
	let quote: string | null = null;
	for (let i = open; i < text.length; i++) {
		const c = text[i];
		if (quote) {
			if (c === '\\') i++;
			else if (c === quote) quote = null;
		} else if (c === "'" || c === '"' || c === '`') quote = c;
		else if (c === '(') depth++;
		else if (c === ')' && --depth === 0) return text.slice(open + 1, i);
	}
	return '';
}

export function emittedCodes(engineDir: string): Set<string> {
	const codes = new Set<string>(['invalid-extension-use']);
	for (const file of sourceFiles(engineDir)) {
		const text = readFileSync(file, 'utf8');
		for (const m of text.matchAll(DIRECT)) codes.add(m[1]);
		for (const m of text.matchAll(/\breport\(\s*'(?:error|warning)'/g)) {
			const args = callArguments(text, m.index + m[0].indexOf('('));
			const last = args.split(',').pop()!.trim();
			const code = CODE.exec(last);
			if (code) codes.add(code[1]);
		}
	}
	return codes;
}
