/**
 * `-j CT` (xt_ct_target, raw only): `--notrack` makes the packet UNTRACKED (§3.4); `--helper` and
 * `--zone*` go on a template conntrack that the lookup at −200 uses (the zone for the lookup, the
 * helper for an entry created there) — handed to the engine with `env.setCtTemplate`. Events and
 * timeout policies change nothing nfwalk shows. A packet that already carries a conntrack
 * (loopback input, an error the kernel generated, §3.5/§3.7) is left alone, as the kernel does.
 */
import type { CtTemplate } from '../conntrack-types';
import type { TargetCompiler, TargetResult } from '../compile-types';
import { ALREADY_TRACKED, untrack } from './notrack';
import { hasOpt, optionValue } from './target-values';

/** The zone as the kernel keeps it: the last ID or `mark` given, and the directions named. */
function zoneOf(options: Parameters<TargetCompiler>[0]): Pick<CtTemplate, 'zone' | 'zoneDir'> {
	let zone: number | 'mark' = 0;
	let orig = false;
	let reply = false;
	for (const o of options) {
		if (!o.name.startsWith('zone')) continue;
		if (o.name === 'zone-orig') orig = true;
		if (o.name === 'zone-reply') reply = true;
		zone = o.value as number | 'mark';
	}
	return { zone, zoneDir: orig && !reply ? 'orig' : reply && !orig ? 'reply' : 'both' };
}

export const compileCt: TargetCompiler = (options) => {
	const notrack = hasOpt(options, 'notrack');
	const template: CtTemplate = {
		helper: optionValue<string>(options, 'helper') || null,
		...zoneOf(options)
	};
	const ignored = ['timeout', 'ctevents', 'expevents'].filter((n) => hasOpt(options, n));
	const note = ignored.length
		? `CT ${ignored.map((n) => '--' + n).join(', ')}: not simulated (nothing nfwalk shows changes)`
		: undefined;
	const parts = [
		template.helper && `helper ${template.helper}`,
		template.zone !== 0 &&
			`zone ${template.zone}${template.zoneDir === 'both' ? '' : ` (${template.zoneDir})`}`
	].filter(Boolean);
	const what = `conntrack template attached: ${parts.join(', ')}, for the lookup that follows`;
	return {
		note,
		run(_p, env): TargetResult {
			if (notrack) return untrack(env);
			if (env.ct) return ALREADY_TRACKED;
			if (!parts.length) return { verdict: 'CONTINUE' };
			if (!env.setCtTemplate)
				return {
					verdict: 'CONTINUE',
					effect: { type: 'other', what, changed: false },
					note: 'CT --helper/--zone not applied: this engine has no conntrack templates yet'
				};
			env.setCtTemplate(template);
			return { verdict: 'CONTINUE', effect: { type: 'other', what, changed: true } };
		}
	};
};
