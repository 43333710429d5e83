/** The composer's logic: presets, replies, the packet list's edits, `ip addr`/`ip route` import. */
export { diagnosticsUnder, pathOf } from './field-diagnostics';
export { applyImport, importIpOutput, type IpImport } from './ip-import';
export {
	duplicateAt,
	effectiveTimes,
	insertAfter,
	moveBy,
	patchAt,
	removeAt,
	withFields
} from './packet-list';
export { withIcmpType, withProto } from './packet-shape';
export {
	defaultEnds,
	firstPacket,
	presetPackets,
	PRESETS,
	type Ends,
	type PresetKind
} from './presets';
export { icmpErrorAbout, replyTo, type Answer } from './reply';
export { walkPackets } from './walk-packets';
export { tracedPacket, type Walked } from './way-back';
