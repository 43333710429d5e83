/**
 * The TypeScript side of sender.py: starts it once, sends it JSON commands one at a time and
 * waits for each answer. One sender serves every recording of a run (scapy takes a second to
 * import).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

export const PYTHON = '/usr/bin/python3';

export interface SendPacket {
	proto: number;
	src: string;
	dst: string;
	sport: number;
	dport: number;
	flags: number;
	mss?: number | null;
	seq?: number;
	ack?: number;
	icmpType: number;
	icmpCode: number;
	icmpId: number;
	ttl: number;
	tos: number;
	length?: number;
	payload?: string;
	embedded?: Omit<SendPacket, 'embedded' | 'seq' | 'ack' | 'length' | 'payload' | 'mss'> | null;
}

export type SenderCommand =
	| { op: 'l2'; key: string; netns: string; iface: string }
	| { op: 'raw'; key: string; netns: string }
	| { op: 'listen'; netns: string; proto: 'tcp' | 'udp'; port: number; address?: string }
	| {
			op: 'send';
			key: string;
			packet: SendPacket;
			l2: { src: string; dst: string } | null;
			mark: number;
	  }
	| { op: 'drain' }
	| { op: 'reset' };

export class Sender {
	private readonly child: ChildProcessWithoutNullStreams;
	private readonly answers: ((line: string) => void)[] = [];
	private readonly pending: string[] = [];
	private stderr = '';
	private closed = false;

	private constructor() {
		this.child = spawn(PYTHON, [join(import.meta.dirname, 'sender.py')], { stdio: 'pipe' });
		this.child.stderr.on('data', (d) => (this.stderr += String(d)));
		this.child.on('exit', () => {
			this.closed = true;
			for (const a of this.answers.splice(0))
				a(JSON.stringify({ ok: false, error: `sender exited: ${this.stderr.trim()}` }));
		});
		createInterface({ input: this.child.stdout }).on('line', (line) => {
			const waiter = this.answers.shift();
			if (waiter) waiter(line);
			else this.pending.push(line);
		});
	}

	static async start(): Promise<Sender> {
		const s = new Sender();
		const first = await s.next();
		if (!JSON.parse(first).ready) throw new Error(`sender did not start: ${first} ${s.stderr}`);
		return s;
	}

	private next(): Promise<string> {
		const line = this.pending.shift();
		if (line !== undefined) return Promise.resolve(line);
		if (this.closed) return Promise.reject(new Error(`sender exited: ${this.stderr.trim()}`));
		return new Promise((resolve) => this.answers.push(resolve));
	}

	async run(cmd: SenderCommand): Promise<void> {
		this.child.stdin.write(JSON.stringify(cmd) + '\n');
		const answer = JSON.parse(await this.next()) as { ok: boolean; error?: string };
		if (!answer.ok) throw new Error(`sender: ${cmd.op}: ${answer.error}`);
	}

	stop(): void {
		if (!this.closed) this.child.stdin.end();
	}
}
