/**
 * "Import from ip addr / ip route": pasted output of `ip addr`, `ip -o addr`, `ip -br addr`,
 * `ip -br link`, `ip -o link` and `ip route`, in any mix and order, read into the host's interfaces and routes, with a diagnostic
 * (line, column, what to do) for every line it cannot read. The commands' own lines (`$ ip a`)
 * and blank lines are passed over.
 */
import type { Diagnostic } from '../../engine/diagnostics';
import type { HostJson } from '../scenario';
import {
	ADDR_HEADER,
	BRIEF_LINE,
	columnOf,
	InterfaceList,
	ONE_LINE_ADDR,
	readAddrBody,
	readBrief,
	readMac,
	readOneLine,
	type ImportedInterface
} from './ip-addr';
import { ImportReport } from './ip-import-report';
import { isRouteLine, readRoute, type ImportedRoute } from './ip-route';

export interface IpImport {
	/** Interfaces found (`lo` left out); empty when the text had no `ip addr` output. */
	interfaces: ImportedInterface[];
	/** Routes found, without the connected ones the host adds itself. */
	routes: ImportedRoute[];
	/** True when the text had `ip route` output (even if every route was implicit). */
	hadRoutes: boolean;
	diagnostics: Diagnostic[];
}

const COMMAND = /^\s*([$#>]\s*)?(sudo\s+)?ip(\s+-\S+)*\s+(a|ad|addr|address|l|link|r|ro|route)\b/;

/** A multipath route's first line (no `via`, no `dev`), waiting for its `nexthop` lines. */
interface Multipath {
	route: ImportedRoute;
	line: number;
	hops: number;
}

export function importIpOutput(text: string): IpImport {
	const report = new ImportReport();
	const interfaces = new InterfaceList();
	const routes: ImportedRoute[] = [];
	let hadRoutes = false;
	let block: { iface: ImportedInterface | null } | null = null;
	let multipath: Multipath | null = null;

	const endMultipath = () => {
		if (multipath && !multipath.hops)
			report.error(
				multipath.line,
				1,
				'',
				'this route has neither "via" nor "dev"; add the "dev" it leaves by, or paste its nexthop lines'
			);
		multipath = null;
	};

	for (const [i, raw] of text.split('\n').entries()) {
		const n = i + 1;
		const line = raw.replace(/\r$/, '');
		const first = line.trim().split(/\s+/)[0] ?? '';
		if (!line.trim() || COMMAND.test(line)) continue;
		if (first === 'nexthop' && multipath) {
			readNexthop(line, n, multipath);
			continue;
		}
		if (/^\s/.test(line) && block) {
			readAddrBody(block.iface, line, n, report);
			continue;
		}
		endMultipath();
		if (ONE_LINE_ADDR.test(line)) {
			block = null;
			readOneLine(interfaces, line, n, report);
			continue;
		}
		const header = ADDR_HEADER.exec(line);
		block = header ? { iface: interfaces.named(header[1]) } : null;
		if (header) {
			readMac(block!.iface, line);
			continue;
		}
		if (BRIEF_LINE.test(line.trim())) readBrief(interfaces, line, n, report);
		else if (isRouteLine(line)) {
			hadRoutes = true;
			const route = readRoute(line, n, report);
			if (route && !route.via && !route.dev) multipath = { route, line: n, hops: 0 };
			else if (route) routes.push(route);
		} else
			report.unreadable(
				n,
				columnOf(line, 0),
				first,
				'this is not a line of ip addr, ip -br addr, ip -br link or ip route output; paste their output as printed, or delete the line'
			);
	}
	endMultipath();
	return {
		interfaces: interfaces.list(),
		routes,
		hadRoutes,
		diagnostics: report.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column)
	};

	function readNexthop(line: string, n: number, mp: Multipath): void {
		if (mp.hops++) {
			report.leftOut(
				n,
				columnOf(line, 0),
				'nexthop',
				'nfwalk takes one next hop per route: this multipath route uses its first, and this one is left out'
			);
			return;
		}
		// "default" is as long as "nexthop", so the hop reads as a route with the same columns.
		const hop = readRoute(line.replace('nexthop', 'default'), n, report);
		if (hop) routes.push({ ...mp.route, ...pick(hop, 'via'), ...pick(hop, 'dev') });
	}
}

function pick(route: ImportedRoute, key: 'via' | 'dev'): Partial<ImportedRoute> {
	return route[key] ? { [key]: route[key] } : {};
}

/**
 * The host with an import applied: the interfaces of the paste replace the host's (it describes
 * the machine), and so do its routes when it had `ip route` output; everything else stays.
 */
export function applyImport(host: HostJson, imported: IpImport): HostJson {
	const next: HostJson = { ...host };
	if (imported.interfaces.length) next.interfaces = imported.interfaces;
	if (imported.hadRoutes) {
		if (imported.routes.length) next.routes = imported.routes;
		else delete next.routes;
	}
	return next;
}
