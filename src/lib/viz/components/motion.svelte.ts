/**
 * The one motion helper: a point that glides to its target (d3-interpolate, d3-ease, one
 * requestAnimationFrame loop) and its no-animation twin that jumps there. `pointMotion` picks the
 * twin when the reader prefers reduced motion, so jumps, reduced motion and tests all go through
 * the same door.
 */
import { easeCubicOut } from 'd3-ease';
import { interpolateObject } from 'd3-interpolate';
import { prefersReducedMotion } from 'svelte/motion';

export interface Point {
	x: number;
	y: number;
}

export interface Motion {
	readonly current: Point;
	/** Moves to `target` over `duration` ms (0: at once). */
	set(target: Point, duration: number): void;
}

/** Glides from where it is to the target; a new target starts from where it is now. */
export class GlideMotion implements Motion {
	current: Point = $state.raw({ x: 0, y: 0 });
	private frame = 0;

	constructor(start: Point) {
		this.current = start;
	}

	set(target: Point, duration: number): void {
		cancelAnimationFrame(this.frame);
		if (duration <= 0 || typeof requestAnimationFrame === 'undefined') {
			this.current = target;
			return;
		}
		const from = this.current;
		const between = interpolateObject(from, target);
		const t0 = performance.now();
		const tick = (now: number) => {
			const t = Math.min(1, (now - t0) / duration);
			this.current = between(easeCubicOut(t));
			if (t < 1) this.frame = requestAnimationFrame(tick);
		};
		this.frame = requestAnimationFrame(tick);
	}
}

/** The twin: always at its target. */
export class InstantMotion implements Motion {
	current: Point = $state.raw({ x: 0, y: 0 });

	constructor(start: Point) {
		this.current = start;
	}

	set(target: Point): void {
		this.current = target;
	}
}

/** A glide, or the instant twin when `prefers-reduced-motion: reduce` holds when it moves. */
export function pointMotion(start: Point): Motion {
	const glide = new GlideMotion(start);
	const instant = new InstantMotion(start);
	return {
		get current() {
			return prefersReducedMotion.current ? instant.current : glide.current;
		},
		set(target, duration) {
			instant.set(target);
			glide.set(target, prefersReducedMotion.current ? 0 : duration);
		}
	};
}
