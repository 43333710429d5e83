/** The engine's public API: pure TypeScript, no DOM, no framework. */
export { parseRuleset, detectFormat, type ParseResult, type InputFormat } from './parse/index';
export { printRule, printRuleSpec } from './print/print-rule';
export { printRuleset } from './print/print-ruleset';
export { codeFrame, codeFramer, type Diagnostic } from './diagnostics';
export type * from './model';
