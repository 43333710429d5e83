/**
 * The runes bridge to the player machine: an xstate actor whose snapshot lives in `$state.raw`, so
 * components read `player.frame` and `player.state` and send events. The only place runes meet the
 * machine.
 */
import { createActor, type Actor, type SnapshotFrom } from 'xstate';
import { playerMachine, type PlayerEvent, type PlayerInput } from '../machine/player.machine';

export class Player {
	snapshot: SnapshotFrom<typeof playerMachine> = $state.raw(null!);
	private readonly actor: Actor<typeof playerMachine>;

	constructor(input: PlayerInput) {
		this.actor = createActor(playerMachine, { input });
		this.snapshot = this.actor.getSnapshot();
		this.actor.subscribe((s) => {
			this.snapshot = s;
		});
		this.actor.start();
	}

	/** The current frame index (0-based, into the trace's frames). */
	get frame(): number {
		return this.snapshot.context.frame;
	}

	/** `idle`, `playing`, `paused` or `finished`. */
	get state(): string {
		return String(this.snapshot.value);
	}

	get speed(): number {
		return this.snapshot.context.speed;
	}

	send(event: PlayerEvent): void {
		this.actor.send(event);
	}

	stop(): void {
		this.actor.stop();
	}
}
