/**
 * What the Export menu writes: the scenario file, and the rules as an iptables-restore file or as
 * a shell script of iptables commands. Only a rule set without errors is exported as rules: with
 * errors it would print with rules missing.
 */
import { parseRuleset, printRuleset, type Ruleset } from '../engine/index';
import type { ScenarioJson } from '../scenario/scenario';
import { documentText, normaliseDocument } from './document';

export type RulesExport = { ok: true; text: string } | { ok: false; reason: string };

export function scenarioFile(doc: ScenarioJson): string {
	return documentText(doc);
}

/** The rules parsed, or why they cannot be exported. */
function rulesOf(
	doc: ScenarioJson
): { ok: true; ruleset: Ruleset } | { ok: false; reason: string } {
	const { ruleset, diagnostics } = parseRuleset(normaliseDocument(doc).rules);
	const errors = diagnostics.filter((d) => d.severity === 'error').length;
	if (errors)
		return {
			ok: false,
			reason: `the rules have ${errors === 1 ? 'an error' : `${errors} errors`}; fix ${errors === 1 ? 'it' : 'them'} first`
		};
	return { ok: true, ruleset };
}

/** The rules as `iptables-save` prints them, for `iptables-restore`. */
export function rulesSaveFile(doc: ScenarioJson): RulesExport {
	const rules = rulesOf(doc);
	return rules.ok ? { ok: true, text: printRuleset(rules.ruleset, 'save') } : rules;
}

/** The rules as a script of `iptables` commands, for a host whose tables are empty. */
export function rulesScript(doc: ScenarioJson): RulesExport {
	const rules = rulesOf(doc);
	if (!rules.ok) return rules;
	const title = (doc.title ?? 'nfwalk scenario').replace(/[\r\n]+/g, ' ');
	return {
		ok: true,
		text:
			'#!/bin/sh\n' +
			`# ${title}: its rules as iptables commands, exported by nfwalk.\n` +
			'# They add to the tables as they are: run them on a host whose tables are empty.\n' +
			'set -e\n' +
			printRuleset(rules.ruleset, 'commands')
	};
}
