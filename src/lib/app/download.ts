/** Saves text as a file through the browser's download, e.g. `download('a.json', text, 'application/json')`. */
export function download(name: string, text: string, type: string): void {
	const url = URL.createObjectURL(new Blob([text], { type }));
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	a.click();
	// The click has started the download; the URL is not needed after this turn.
	setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file name from a scenario's title or name: `Home router: masquerade` → `home-router-masquerade`. */
export function fileStem(title: string | null | undefined, fallback = 'scenario'): string {
	const stem = (title ?? '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60);
	return stem || fallback;
}
