import type { ExtensionSpec } from './types';
import { limit } from './matches/limit';
import { hashlimit } from './matches/hashlimit';
import { recent } from './matches/recent';
import { quota } from './matches/quota';
import { statistic } from './matches/statistic';
import { time } from './matches/time';
import { set } from './matches/set';
import { nfacct } from './matches/nfacct';
import { rateest } from './matches/rateest';
import { ipvs } from './matches/ipvs';
import { setTarget } from './targets/set';
import { rateestTarget } from './targets/rateest';
import { hmark } from './targets/hmark';
import { tee } from './targets/tee';
import { idletimer } from './targets/idletimer';
import { led } from './targets/led';

/** Extensions registered by work package 4 (see registry.ts): rate, accounting and set matches and rarer targets. */
export const GROUP_4: readonly ExtensionSpec[] = [
	limit,
	hashlimit,
	recent,
	quota,
	statistic,
	time,
	set,
	nfacct,
	rateest,
	ipvs,
	setTarget,
	rateestTarget,
	hmark,
	tee,
	idletimer,
	led
];
