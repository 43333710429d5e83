/**
 * What the player's cursor does, as plain functions over frame indices: the machine only names and
 * sequences them. A cursor is a frame index into the trace's frames (viz/model/frames.ts).
 */

/** Where the cursor may go: 0 … count − 1. */
export function clampFrame(frame: number, count: number): number {
	if (count <= 0) return 0;
	return Math.max(0, Math.min(count - 1, Math.trunc(frame)));
}

/** The first of `starts` after `frame`, or the last frame when there is none. */
export function nextStart(frame: number, starts: readonly number[], count: number): number {
	for (const s of starts) if (s > frame) return s;
	return Math.max(0, count - 1);
}

/** The frame packet `packet` (0-based) starts at; past the end, the last packet's. */
export function packetFrame(packet: number, starts: readonly number[]): number {
	if (starts.length === 0) return 0;
	return starts[Math.max(0, Math.min(starts.length - 1, packet))];
}

/** Milliseconds between frames at `speed` (1 = one frame every 700 ms). */
export function tickMs(speed: number): number {
	return Math.round(700 / Math.max(0.25, Math.min(16, speed)));
}
