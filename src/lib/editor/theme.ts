/** The editor's look, from the page's CSS variables so light and dark schemes both fit. */
import { EditorView } from '@codemirror/view';

export const editorTheme = EditorView.theme({
	'&': {
		height: '100%',
		fontSize: '0.88em',
		border: '1px solid var(--rule)',
		borderRadius: '6px',
		background: 'var(--panel)',
		color: 'var(--text)'
	},
	// Inside the box: the editor's wrapper contains paint, an outline outside would be clipped.
	'&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '-2px' },
	'.cm-scroller': { fontFamily: 'var(--mono)', overflow: 'auto' },
	'.cm-content': { caretColor: 'var(--text)' },
	'.cm-gutters': {
		background: 'var(--bg)',
		color: 'var(--muted)',
		borderRight: '1px solid var(--rule)'
	},
	'.cm-activeLine, .cm-activeLineGutter': {
		background: 'color-mix(in srgb, var(--accent) 7%, transparent)'
	},
	'&.cm-focused .cm-selectionBackground, .cm-selectionBackground': {
		background: 'color-mix(in srgb, var(--accent) 25%, transparent)'
	},
	'.cm-tooltip': {
		background: 'var(--panel)',
		color: 'var(--text)',
		border: '1px solid var(--rule)',
		borderRadius: '4px'
	},
	'.cm-tooltip-autocomplete > ul > li[aria-selected]': {
		background: 'var(--accent)',
		color: 'var(--panel)'
	},
	'.cm-completionDetail': { color: 'var(--muted)', marginLeft: '0.8em' },
	'.cm-completionInfo': { maxWidth: '28em' },
	'.nfwalk-lint': { maxWidth: '46em', fontFamily: 'var(--sans)' },
	'.nfwalk-lint strong': { fontFamily: 'var(--mono)', marginRight: '0.3em' },
	'.nfwalk-lint code': { color: 'var(--muted)', fontSize: '0.85em' },
	'.nfwalk-lint pre': { margin: '0.3em 0 0', fontFamily: 'var(--mono)', fontSize: '0.9em' }
});
