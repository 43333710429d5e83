/**
 * Every diagnostic code the engine can emit, read from its source: the first string argument of
 * `report.error|warning|add(...)` and the fourth of an extension's `ctx.report(...)`. The docs
 * must describe each one (tests/unit/diagnostic-codes.spec.ts).
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
const VIA_CONTEXT = /report\(\s*'(?:error|warning)'[^;]*?,\s*'([a-z0-9]+(?:-[a-z0-9]+)+)'\s*\)/gs;

export function emittedCodes(engineDir: string): Set<string> {
	const codes = new Set<string>(['invalid-extension-use']);
	for (const file of sourceFiles(engineDir)) {
		const text = readFileSync(file, 'utf8');
		for (const m of text.matchAll(DIRECT)) codes.add(m[1]);
		for (const m of text.matchAll(VIA_CONTEXT)) codes.add(m[1]);
	}
	return codes;
}
