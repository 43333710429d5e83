/**
 * What the start page opens: the link in the address bar; else the work saved by the last visit;
 * else the first example. A link opened over edited work keeps that work for "Restore previous
 * work"; a link that cannot be read says why and opens nothing in its place.
 */
import { decodeLink, looksLikeLink, type LinkResult } from '../link/index';
import type { Autosave } from './autosave.svelte';
import { sameDocument } from './persist';
import type { Workspace } from './workspace.svelte';

export type LinkFailure = Extract<LinkResult, { ok: false }>;

/**
 * Opens the link in `hash`, if it is one; the failure when it cannot be read, null otherwise.
 * The hash is removed once read: the work is autosaved, and a reload must not reopen the link
 * over edits made since.
 */
export async function openLink(
	hash: string,
	workspace: Workspace,
	autosave: Autosave
): Promise<{ opened: boolean; failure: LinkFailure | null }> {
	if (!looksLikeLink(hash)) return { opened: false, failure: null };
	history.replaceState(history.state, '', location.pathname + location.search);
	const result = await decodeLink(hash);
	if (!result.ok) return { opened: false, failure: result };
	const saved = autosave.saved();
	// Before the page has opened anything, the edited work is the one from the last visit.
	if (workspace.origin === 'new' && saved?.edited && !sameDocument(saved.doc, result.doc))
		autosave.keepPrevious(saved);
	await workspace.open(result.doc, result.doc.title ?? 'shared scenario', 'link', {
		packet: result.position?.packet ?? 0,
		step: result.position?.step ?? 1
	});
	autosave.saveNow();
	return { opened: true, failure: null };
}

/** Opens what the page starts with; the link failure, if the address had a bad link. */
export async function startPage(
	workspace: Workspace,
	autosave: Autosave,
	openDefault: () => Promise<unknown>
): Promise<LinkFailure | null> {
	const link = await openLink(location.hash, workspace, autosave);
	if (link.opened) return null;
	const saved = autosave.saved();
	if (saved) await workspace.restore(saved);
	else await openDefault();
	return link.failure;
}
