/** Opening and saving the rules as files: what an opened file is, and a name to save under. */

/** A scenario (`.json`, or text that is a JSON object) opens whole; anything else is rules. */
export function fileKind(name: string, text: string): 'scenario' | 'rules' {
	if (/\.json$/i.test(name)) return 'scenario';
	return /^\uFEFF?\s*\{/.test(text) ? 'scenario' : 'rules';
}

/** The file name to save the rules under: the document's name, `.rules` or `.sh` for a script. */
export function rulesFileName(name: string | null, view: 'save' | 'commands'): string {
	const base = (name ?? 'rules')
		.replace(/\.(json|rules|sh|txt|v4)$/i, '')
		.replace(/[^\w.-]+/g, '-');
	return `${base || 'rules'}.${view === 'commands' ? 'sh' : 'rules'}`;
}

/** Offers `text` as a download (the browser's save dialog or downloads folder). */
export function downloadText(text: string, fileName: string): void {
	const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
	const a = document.createElement('a');
	a.href = url;
	a.download = fileName;
	a.click();
	// Some browsers start the download after click() returns: free the URL a little later.
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
