/**
 * What the Export menu writes: the scenario file, and the rules as an iptables-restore file or as
 * a shell script of iptables commands. Only a rule set without errors is exported as rules: with
 * errors it would print with rules missing.
 */
import { parseRuleset, printRuleset } from '../engine/index';
import type { ScenarioJson } from '../scenario/scenario';
import { documentText } from './document';

export type RulesExport = { ok: true; text: string } | { ok: false; reason: string };

export function scenarioFile(doc: ScenarioJson): string {
	return documentText(doc);
}

function rulesOf(doc: ScenarioJson): RulesExport {
	const text = Array.isArray(doc.rules) ? doc.rules.join('\n') : doc.rules;
	const { ruleset, diagnostics } = parseRuleset(text);
	const errors = diagnostics.filter((d) => d.severity === 'error').length;
	if (errors)
		return {
			ok: false,
			reason: `the rules have ${errors === 1 ? 'an error' : `${errors} errors`}; fix ${errors === 1 ? 'it' : 'them'} first`
		};
	return { ok: true, text: printRuleset(ruleset, 'save') };
}

/** The rules as `iptables-save` prints them, for `iptables-restore`. */
export function rulesSaveFile(doc: ScenarioJson): RulesExport {
	return rulesOf(doc);
}

/** The rules as a script of `iptables` commands, for a host whose tables are empty. */
export function rulesScript(doc: ScenarioJson): RulesExport {
	const save = rulesOf(doc);
	if (!save.ok) return save;
	const { ruleset } = parseRuleset(save.text);
	const title = (doc.title ?? 'nfwalk scenario').replace(/[\r\n]+/g, ' ');
	return {
		ok: true,
		text:
			'#!/bin/sh\n' +
			`# ${title}: its rules as iptables commands, exported by nfwalk.\n` +
			'# They add to the tables as they are: run them on a host whose tables are empty.\n' +
			'set -e\n' +
			printRuleset(ruleset, 'commands')
	};
}
