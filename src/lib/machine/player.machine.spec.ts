/**
 * The player over a trace's frames: the pure logic, the machine's transitions, and time through
 * the named `tick` delay on a SimulatedClock.
 */
import { describe, expect, it } from 'vitest';
import { createActor, initialTransition, SimulatedClock, transition } from 'xstate';
import { playerMachine, type PlayerInput } from './player.machine';
import { clampFrame, nextStart, packetFrame, tickMs } from './player-logic';

/** Three packets of 4, 3 and 5 frames; stations change at the listed frames. */
const INPUT: PlayerInput = {
	count: 12,
	packetStarts: [0, 4, 7],
	stationStarts: [0, 2, 4, 5, 7, 9, 11]
};

function start(clock = new SimulatedClock()) {
	const actor = createActor(playerMachine, { input: INPUT, clock }).start();
	/** n ticks of `ms`: each tick schedules the next one from the new time. */
	const ticks = (n: number, ms: number) => {
		for (let i = 0; i < n; i++) clock.increment(ms);
	};
	return { actor, clock, ticks, at: () => actor.getSnapshot() };
}

describe('player logic', () => {
	it.each([
		[-3, 12, 0],
		[5.7, 12, 5],
		[40, 12, 11],
		[3, 0, 0]
	])('clampFrame(%d, %d) = %d', (f, n, want) => expect(clampFrame(f, n)).toBe(want));

	it.each([
		[0, 2],
		[2, 4],
		[10, 11],
		[11, 11]
	])('nextStart after %d is %d', (f, want) =>
		expect(nextStart(f, INPUT.stationStarts, 12)).toBe(want)
	);

	it.each([
		[0, 0],
		[1, 4],
		[2, 7],
		[9, 7]
	])('packet %d starts at frame %d', (p, want) =>
		expect(packetFrame(p, INPUT.packetStarts)).toBe(want)
	);

	it('faster speeds tick sooner, within bounds', () => {
		expect(tickMs(1)).toBe(700);
		expect(tickMs(4)).toBe(175);
		expect(tickMs(1000)).toBe(tickMs(16));
		expect(tickMs(0)).toBe(tickMs(0.25));
	});
});

describe('player machine', () => {
	it('starts idle at frame 0; step forward pauses one frame on', () => {
		const { actor, at } = start();
		expect(at().value).toBe('idle');
		actor.send({ type: 'step.forward' });
		expect([at().value, at().context.frame]).toEqual(['paused', 1]);
		actor.send({ type: 'step.back' });
		actor.send({ type: 'step.back' });
		expect(at().context.frame).toBe(0);
	});

	it('plays one frame per tick and finishes at the last frame', () => {
		const { actor, clock, ticks, at } = start();
		actor.send({ type: 'play' });
		expect(at().value).toBe('playing');
		clock.increment(699);
		expect(at().context.frame).toBe(0);
		clock.increment(1);
		expect(at().context.frame).toBe(1);
		ticks(3, 700);
		expect(at().context.frame).toBe(4);
		ticks(20, 700);
		expect([at().value, at().context.frame]).toEqual(['finished', 11]);
	});

	it('pause stops the clock; speed changes the tick', () => {
		const { actor, clock, ticks, at } = start();
		actor.send({ type: 'speed', speed: 4 });
		actor.send({ type: 'play' });
		ticks(2, 175);
		expect(at().context.frame).toBe(2);
		actor.send({ type: 'pause' });
		clock.increment(10_000);
		expect([at().value, at().context.frame]).toEqual(['paused', 2]);
	});

	it('jumps to a packet, a frame, the next station, first and last', () => {
		const { actor, at } = start();
		actor.send({ type: 'jump.packet', packet: 2 });
		expect(at().context.frame).toBe(7);
		actor.send({ type: 'next.station' });
		expect(at().context.frame).toBe(9);
		actor.send({ type: 'jump.frame', frame: 99 });
		expect(at().context.frame).toBe(11);
		actor.send({ type: 'first' });
		expect([at().value, at().context.frame]).toEqual(['paused', 0]);
		actor.send({ type: 'last' });
		expect([at().value, at().context.frame]).toEqual(['finished', 11]);
	});

	it('play at the end starts over; restart goes back to idle', () => {
		const { actor, at } = start();
		actor.send({ type: 'last' });
		actor.send({ type: 'toggle' });
		expect([at().value, at().context.frame]).toEqual(['playing', 0]);
		actor.send({ type: 'restart' });
		expect([at().value, at().context.frame]).toEqual(['idle', 0]);
	});

	it('load replaces the frames and keeps the speed', () => {
		const { actor, at } = start();
		actor.send({ type: 'speed', speed: 2 });
		actor.send({ type: 'jump.frame', frame: 6 });
		actor.send({ type: 'load', input: { count: 3, packetStarts: [0], stationStarts: [0] } });
		expect([at().value, at().context.frame, at().context.count, at().context.speed]).toEqual([
			'idle',
			0,
			3,
			2
		]);
	});
});

describe('player machine as a pure function (transition)', () => {
	it('each event gives the next snapshot without running anything', () => {
		const [idle] = initialTransition(playerMachine, INPUT);
		expect([idle.value, idle.context.frame]).toEqual(['idle', 0]);
		const [playing, actions] = transition(playerMachine, idle, { type: 'play' });
		expect(playing.value).toBe('playing');
		// Entering `playing` schedules the named tick delay, as an action, not a timer.
		expect(JSON.stringify(actions)).toContain('tick');
		const [jumped] = transition(playerMachine, playing, { type: 'jump.packet', packet: 1 });
		expect([jumped.value, jumped.context.frame]).toEqual(['paused', 4]);
		const [stepped] = transition(playerMachine, jumped, { type: 'step.forward' });
		expect(stepped.context.frame).toBe(5);
	});
});
