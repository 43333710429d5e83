/** `nfwalk link` and share links read by `nfwalk trace`, in-process through `main(argv, io)`. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { encodeLink } from '../../src/lib/link/index';

const HOME = 'rules-examples/home-router.json';

async function run(argv: string[], stdin = '') {
	let stdout = '';
	let stderr = '';
	const io: Io = {
		stdout: (t) => void (stdout += t),
		stderr: (t) => void (stderr += t),
		readFile: (p) => readFileSync(p, 'utf8'),
		readStdin: async () => stdin
	};
	return { code: await main(argv, io), stdout, stderr };
}

afterEach(() => {
	delete process.env.NFWALK_BASE_URL;
});

describe('nfwalk link', () => {
	it('prints a link to the default address and its length on stderr', async () => {
		const r = await run(['link', HOME]);
		expect(r.code).toBe(0);
		expect(r.stdout).toMatch(/^http:\/\/localhost:4173\/#v=1&s=[A-Za-z0-9_-]+\n$/);
		expect(r.stderr).toBe(
			`nfwalk: the link is ${(r.stdout.length - 1).toLocaleString('en')} characters\n`
		);
	});

	it.each([
		[['--base', 'https://nfwalk.example/app/'], {}, 'https://nfwalk.example/app/#v=1&s='],
		[[], { NFWALK_BASE_URL: 'https://team.example/' }, 'https://team.example/#v=1&s='],
		[['--base', 'https://a.example/#x'], {}, 'https://a.example/#v=1&s=']
	])('uses the base %j %j', async (args, env, prefix) => {
		Object.assign(process.env, env);
		const r = await run(['link', ...args, HOME]);
		expect(r.stdout.startsWith(prefix)).toBe(true);
	});

	it.each([['not a url'], ['ftp://a.example/']])(
		'refuses --base %s as a usage error',
		async (base) => {
			const r = await run(['link', '--base', base, HOME]);
			expect(r.code).toBe(2);
			expect(r.stderr).toMatch(/--base/);
		}
	);

	it('refuses a scenario with errors, with its diagnostics', async () => {
		const r = await run(
			['link', '-'],
			'{"nfwalk":1,"host":{"interfaces":[]},"rules":"","packets":[{}]}'
		);
		expect(r.code).toBe(1);
		expect(r.stdout).toBe('');
		expect(r.stderr).toMatch(/^<stdin>:1:\d+: error: /m);
		expect(r.stderr).toMatch(/no link$/m);
	});
});

describe('nfwalk trace reads links', () => {
	it('as the argument, from stdin and from a file: the same trace as the file', async () => {
		const file = await run(['trace', '--format', 'kernel', HOME]);
		const link = (await run(['link', HOME])).stdout.trim();
		expect(file.code).toBe(0);
		const asArg = await run(['trace', '--format', 'kernel', link]);
		const asStdin = await run(['trace', '--format', 'kernel', '-'], link + '\n');
		expect(asArg.stdout).toBe(file.stdout);
		expect(asStdin.stdout).toBe(file.stdout);
	});

	it('a damaged link is a finding with a message, no trace', async () => {
		const link = (await run(['link', HOME])).stdout.trim();
		const r = await run(['trace', link.slice(0, -40)]);
		expect(r.code).toBe(1);
		expect(r.stdout).toBe('');
		expect(r.stderr).toMatch(/^nfwalk: This link is damaged/);
	});

	it("a link whose scenario has errors reports them at the link's lines", async () => {
		const home = JSON.parse(readFileSync(HOME, 'utf8'));
		const bad = { ...home, packets: [{ ...home.packets[0], dport: 70000 }] };
		const r = await run(['trace', '#' + (await encodeLink(bad))]);
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(/^link:\d+:\d+: error: .*70000/m);
	});
});
