/** Trace formatters: pure functions from a Trace (and optionally its Ruleset) to text. */
export { formatJson } from './format-json';
export { formatKernel } from './format-kernel';
export { formatText, type TextOptions } from './format-text';
export {
	describeEffect,
	describeEntry,
	describeFate,
	describeFlags,
	describeHeaders,
	describePacket
} from './describe';
export { failedTest, findRule } from './why-not';
