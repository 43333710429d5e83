/**
 * The player's keyboard: space play/pause, → / ← step, Shift+→ next station, Home/End, 1–9
 * packet N (the scenario's Nth packet, by id), ? help. Pure, so the table of keys is a spec.
 */
import type { PlayerEvent } from '../../machine/player.machine';

export type KeyCommand = PlayerEvent | { type: 'help' };

type Keys = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>;

/** The command for a key press, or null; `packetIds` are the trace's packet ids in order. */
export function keyCommand(e: Keys, packetIds: readonly string[]): KeyCommand | null {
	if (e.ctrlKey || e.metaKey || e.altKey) return null;
	switch (e.key) {
		case ' ':
			return { type: 'toggle' };
		case 'ArrowRight':
			return e.shiftKey ? { type: 'next.station' } : { type: 'step.forward' };
		case 'ArrowLeft':
			return { type: 'step.back' };
		case 'Home':
			return { type: 'first' };
		case 'End':
			return { type: 'last' };
		case '?':
			return { type: 'help' };
	}
	if (/^[1-9]$/.test(e.key)) {
		const packet = packetIds.indexOf(e.key);
		return packet >= 0 ? { type: 'jump.packet', packet } : null;
	}
	return null;
}

/** Where a key belongs to the element it was pressed in: typing, a slider, a button's Enter. */
export function keyIsLocal(target: EventTarget | null, key: string): boolean {
	if (!target || typeof Element === 'undefined' || !(target instanceof Element)) return false;
	if (target.closest('dialog[open]')) return true;
	const tag = target.tagName;
	if (tag === 'TEXTAREA' || tag === 'SELECT' || (target as HTMLElement).isContentEditable)
		return true;
	if (tag === 'INPUT') {
		const type = (target as HTMLInputElement).type;
		// A slider keeps its arrows, Home and End; space there still plays.
		return type === 'range' ? key !== ' ' : true;
	}
	const pressable = tag === 'BUTTON' || tag === 'A' || target.getAttribute('role') === 'button';
	return pressable && (key === ' ' || key === 'Enter');
}
