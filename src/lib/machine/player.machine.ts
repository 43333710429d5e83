/**
 * The player: a cursor over the frames of a trace the engine already computed. States idle (not
 * started), playing, paused and finished; events to play, pause, step either way, jump to a frame
 * or a packet, skip to the next station, restart and change speed. Time is the named delay `tick`,
 * so tests drive it with a SimulatedClock. It never evaluates a rule.
 */
import { assign, setup } from 'xstate';
import { clampFrame, nextStart, packetFrame, tickMs } from './player-logic';

export interface PlayerInput {
	/** How many frames the trace has. */
	count: number;
	/** First frame of each packet. */
	packetStarts: number[];
	/** Frames where the packet reaches another station. */
	stationStarts: number[];
	/** The frame to start at (clamped), e.g. where the user was before an edit re-walked; default 0. */
	frame?: number;
}

export interface PlayerContext extends PlayerInput {
	frame: number;
	/** 1 = normal; 0.25 … 16. */
	speed: number;
}

export type PlayerEvent =
	| { type: 'play' }
	| { type: 'pause' }
	| { type: 'toggle' }
	| { type: 'step.forward' }
	| { type: 'step.back' }
	| { type: 'jump.frame'; frame: number }
	| { type: 'jump.packet'; packet: number }
	| { type: 'next.station' }
	| { type: 'first' }
	| { type: 'last' }
	| { type: 'restart' }
	| { type: 'speed'; speed: number }
	| { type: 'load'; input: PlayerInput };

const atEnd = (c: PlayerContext) => c.frame >= c.count - 1;

export const playerMachine = setup({
	types: {
		context: {} as PlayerContext,
		events: {} as PlayerEvent,
		input: {} as PlayerInput
	},
	guards: {
		atEnd: ({ context }) => atEnd(context)
	},
	delays: {
		tick: ({ context }) => tickMs(context.speed)
	},
	actions: {
		advance: assign({ frame: ({ context }) => clampFrame(context.frame + 1, context.count) }),
		back: assign({ frame: ({ context }) => clampFrame(context.frame - 1, context.count) }),
		toFirst: assign({ frame: 0 }),
		toLast: assign({ frame: ({ context }) => clampFrame(context.count - 1, context.count) }),
		jumpFrame: assign({
			frame: ({ context, event }) =>
				event.type === 'jump.frame' ? clampFrame(event.frame, context.count) : context.frame
		}),
		jumpPacket: assign({
			frame: ({ context, event }) =>
				event.type === 'jump.packet'
					? packetFrame(event.packet, context.packetStarts)
					: context.frame
		}),
		nextStation: assign({
			frame: ({ context }) => nextStart(context.frame, context.stationStarts, context.count)
		}),
		setSpeed: assign({
			speed: ({ context, event }) => (event.type === 'speed' ? event.speed : context.speed)
		}),
		load: assign(({ event, context }) =>
			event.type === 'load' ? { ...event.input, frame: 0, speed: context.speed } : {}
		)
	}
}).createMachine({
	id: 'player',
	context: ({ input }) => ({
		...input,
		frame: clampFrame(input.frame ?? 0, input.count),
		speed: 1
	}),
	initial: 'idle',
	on: {
		'jump.frame': { target: '.paused', actions: 'jumpFrame' },
		'jump.packet': { target: '.paused', actions: 'jumpPacket' },
		'step.back': { target: '.paused', actions: 'back' },
		first: { target: '.paused', actions: 'toFirst' },
		last: { target: '.finished', actions: 'toLast' },
		restart: { target: '.idle', actions: 'toFirst' },
		speed: { actions: 'setSpeed' },
		load: { target: '.idle', actions: 'load' }
	},
	states: {
		idle: {
			on: {
				play: 'playing',
				toggle: 'playing',
				'step.forward': { target: 'paused', actions: 'advance' },
				'next.station': { target: 'paused', actions: 'nextStation' }
			}
		},
		playing: {
			always: { guard: 'atEnd', target: 'finished' },
			after: {
				tick: { target: 'playing', reenter: true, actions: 'advance' }
			},
			on: {
				pause: 'paused',
				toggle: 'paused',
				'step.forward': { target: 'paused', actions: 'advance' },
				'next.station': { target: 'paused', actions: 'nextStation' }
			}
		},
		paused: {
			on: {
				play: [{ guard: 'atEnd', target: 'finished' }, { target: 'playing' }],
				toggle: [{ guard: 'atEnd', target: 'finished' }, { target: 'playing' }],
				'step.forward': { actions: 'advance' },
				'next.station': { actions: 'nextStation' }
			}
		},
		finished: {
			on: {
				// Play from the end starts over, as media players do.
				play: { target: 'playing', actions: 'toFirst' },
				toggle: { target: 'playing', actions: 'toFirst' },
				'step.forward': {}
			}
		}
	}
});
