import { describe, expect, it } from 'vitest';
import type { Packet } from '../packet';
import { A, firstMatch, makeEnv, type EnvOptions } from './spec-helpers';
import { makePacket } from './test-packet';

/** Runs one compiled match over a packet sequence in one environment; returns the verdicts. */
function run(rule: string, packets: Partial<Packet>[], env: EnvOptions = {}): boolean[] {
	const m = firstMatch(rule);
	const e = makeEnv(env);
	return packets.map((p) => m.test(makePacket(p), e));
}
const at = (...times: number[]) => times.map((time) => ({ time }));

/** [what it proves, rule, packets, expected verdicts]. */
const SEQUENCES: [string, string, Partial<Packet>[], boolean[]][] = [
	[
		'limit: burst 3 then nothing within the period',
		'-A INPUT -m limit --limit 1/s --limit-burst 3',
		at(0, 0, 0, 0, 0.5),
		[true, true, true, false, false]
	],
	[
		'limit: one credit back after 1 s',
		'-A INPUT -m limit --limit 1/s --limit-burst 2',
		at(0, 0, 0, 1, 1),
		[true, true, false, true, false]
	],
	[
		'limit: refill caps at the burst',
		'-A INPUT -m limit --limit 1/s --limit-burst 2',
		at(0, 0, 100, 100, 100),
		[true, true, true, true, false]
	],
	[
		'limit: default 3/hour burst 5',
		'-A INPUT -m limit',
		at(0, 0, 0, 0, 0, 0, 1200),
		[true, true, true, true, true, false, true]
	],
	[
		'statistic nth: --packet 0 is the 1st of every 3',
		'-A INPUT -m statistic --mode nth --every 3 --packet 0',
		at(0, 0, 0, 0, 0, 0, 0),
		[true, false, false, true, false, false, true]
	],
	[
		'statistic nth: --packet 2 is the 3rd',
		'-A INPUT -m statistic --mode nth --every 3 --packet 2',
		at(0, 0, 0, 0),
		[false, false, true, false]
	],
	[
		'statistic nth inverted',
		'-A INPUT -m statistic --mode nth ! --every 2 --packet 0',
		at(0, 0, 0),
		[false, true, false]
	],
	[
		'quota: 150 bytes = two 60-byte packets',
		'-A INPUT -m quota --quota 150',
		at(0, 0, 0),
		[true, true, false]
	],
	['! quota matches once spent', '-A INPUT -m quota ! --quota 100', at(0, 0), [false, true]],
	[
		'hashlimit upto per source',
		'-A INPUT -m hashlimit --hashlimit-upto 1/sec --hashlimit-burst 2 --hashlimit-mode srcip --hashlimit-name t',
		[{ time: 0 }, { time: 0 }, { time: 0 }, { time: 0, src: A('10.0.1.3') }, { time: 1 }],
		[true, true, false, true, true]
	],
	[
		'hashlimit above is the complement',
		'-A INPUT -m hashlimit --hashlimit-above 1/sec --hashlimit-burst 1 --hashlimit-name u',
		at(0, 0, 0.5, 1),
		[false, true, true, false]
	]
];

describe('stateful matches over packet sequences', () => {
	it.each(SEQUENCES)('%s', (_, rule, packets, expected) => {
		expect(run(rule, packets)).toEqual(expected);
	});
});

describe('statistic random', () => {
	it('draws from env.state.random against probability × 2^31', () => {
		const draws = [0.1, 0.3, 0.29, 0.9];
		let i = 0;
		const random = () => draws[i++];
		expect(
			run('-A INPUT -m statistic --mode random --probability 0.3', at(0, 0, 0, 0), { random })
		).toEqual([true, false, true, false]);
	});
	it('is seeded: the same scenario draws the same', () => {
		const rule = '-A INPUT -m statistic --mode random --probability 0.5';
		const a = run(rule, at(...Array(32).fill(0)));
		expect(run(rule, at(...Array(32).fill(0)))).toEqual(a);
		expect(a.filter(Boolean).length).toBeGreaterThan(4);
		expect(a.filter(Boolean).length).toBeLessThan(28);
	});
});

describe('recent', () => {
	const SET = '-A INPUT -m recent --set --name ssh';
	const env = () => makeEnv();
	const run2 = (rules: string[], seq: [number, Partial<Packet>][]) => {
		const ms = rules.map((r) => firstMatch(r));
		const e = env();
		return seq.map(([k, p]) => ms[k].test(makePacket(p), e));
	};
	const CASES: [string, string[], [number, Partial<Packet>][], boolean[]][] = [
		[
			'rcheck before set misses, after set hits',
			[SET, '-A INPUT -m recent --rcheck --name ssh'],
			[
				[1, {}],
				[0, {}],
				[1, {}]
			],
			[false, true, true]
		],
		[
			'--set always matches (and ! --set never)',
			['-A INPUT -m recent ! --set --name x'],
			[
				[0, {}],
				[0, {}]
			],
			[false, false]
		],
		[
			'lists are separate by --name',
			[SET, '-A INPUT -m recent --rcheck --name web'],
			[
				[0, {}],
				[1, {}]
			],
			[true, false]
		],
		[
			'--rdest keys on the destination',
			[
				'-A INPUT -m recent --set --name d --rdest',
				'-A INPUT -m recent --rcheck --name d --rsource'
			],
			[
				[0, {}],
				[1, { src: A('10.0.2.2') }]
			],
			[true, true]
		],
		[
			'--seconds drops old hits',
			[SET, '-A INPUT -m recent --rcheck --seconds 60 --name ssh'],
			[
				[0, { time: 0 }],
				[1, { time: 60 }],
				[1, { time: 61 }]
			],
			[true, true, false]
		],
		[
			'--hitcount counts stamps within --seconds',
			[SET, '-A INPUT -m recent --rcheck --seconds 60 --hitcount 3 --name ssh'],
			[
				[0, { time: 0 }],
				[0, { time: 1 }],
				[1, { time: 2 }],
				[0, { time: 3 }],
				[1, { time: 4 }],
				[1, { time: 61 }]
			],
			[true, true, false, true, true, false]
		],
		[
			'--update refreshes only on a hit',
			[SET, '-A INPUT -m recent --update --seconds 10 --name ssh'],
			[
				[0, { time: 0 }],
				[1, { time: 9 }],
				[1, { time: 18 }],
				[1, { time: 40 }]
			],
			[true, true, true, false]
		],
		[
			'--remove deletes the entry',
			[SET, '-A INPUT -m recent --remove --name ssh', '-A INPUT -m recent --rcheck --name ssh'],
			[
				[0, {}],
				[1, {}],
				[2, {}],
				[1, {}]
			],
			[true, true, false, false]
		],
		[
			'a masked lookup misses a full-mask entry',
			[SET, '-A INPUT -m recent --rcheck --name ssh --mask 255.255.255.0'],
			[
				[0, {}],
				[1, { src: A('10.0.1.77') }]
			],
			[true, false]
		],
		[
			'--mask on both rules',
			[
				'-A INPUT -m recent --set --name m --mask 255.255.255.0',
				'-A INPUT -m recent --rcheck --name m --mask 255.255.255.0'
			],
			[
				[0, {}],
				[1, { src: A('10.0.1.77') }]
			],
			[true, true]
		],
		[
			'--rttl needs the same TTL',
			[SET, '-A INPUT -m recent --rcheck --rttl --name ssh'],
			[
				[0, { ttl: 64 }],
				[1, { ttl: 63 }],
				[1, { ttl: 64 }]
			],
			[true, false, true]
		],
		[
			'! --rcheck',
			[SET, '-A INPUT -m recent ! --rcheck --name ssh'],
			[
				[1, {}],
				[0, {}],
				[1, {}]
			],
			[true, true, false]
		]
	];
	it.each(CASES)('%s', (_, rules, seq, expected) => {
		expect(run2(rules, seq)).toEqual(expected);
	});
});
